using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// A stack of <see cref="WaveNetLayer"/>s with a shared channel count: rechannel the input (1x1, no bias),
/// run the layers while summing their skip outputs into the head accumulator, then project the accumulator
/// to head_size (the "head rechannel").
/// </summary>
internal sealed class WaveNetLayerArray
{
    private readonly PackedRowMatrix _rechannel;
    private readonly PackedRowMatrix _headRechannel;
    private readonly WaveNetLayer[] _layers;
    private readonly int[] _rechannelSources;
    private readonly int[] _headSources;

    public WaveNetLayerArray(WaveNetLayerArrayConfig config)
    {
        Config = config;
        _rechannel = new PackedRowMatrix(config.Channels, config.InputSize, hasBias: false);
        _headRechannel = new PackedRowMatrix(config.HeadSize, config.Channels, config.HeadBias);
        _layers = new WaveNetLayer[config.Dilations.Length];
        for (int i = 0; i < _layers.Length; i++) _layers[i] = new WaveNetLayer(config, config.Dilations[i]);
        _rechannelSources = new int[config.InputSize];
        _headSources = new int[config.Channels];
    }

    public WaveNetLayerArrayConfig Config { get; }

    public void LoadWeights(WeightCursor weights)
    {
        for (int o = 0; o < Config.Channels; o++)
            for (int i = 0; i < Config.InputSize; i++)
                _rechannel[o, i] = weights.Next();
        foreach (var layer in _layers) layer.LoadWeights(weights);
        for (int o = 0; o < Config.HeadSize; o++)
            for (int i = 0; i < Config.Channels; i++)
                _headRechannel[o, i] = weights.Next();
        if (Config.HeadBias)
            for (int o = 0; o < Config.HeadSize; o++) _headRechannel.SetBias(o, weights.Next());
    }

    public void Plan(FloatArena arena, int paddedMax)
    {
        foreach (var layer in _layers) layer.Plan(arena, paddedMax);
    }

    public void Bind(float[] data)
    {
        foreach (var layer in _layers) layer.Input.Bind(data);
    }

    public void Reset()
    {
        foreach (var layer in _layers) layer.Input.Reset();
    }

    /// <summary>
    /// Processes one padded block. All row groups except the histories use stride <paramref name="padded"/>.
    /// </summary>
    /// <param name="input">Rows fed to the rechannel (the audio for the first array, else the previous array's output).</param>
    /// <param name="headIn">Skip accumulator, Channels rows; the layers add into it.</param>
    /// <param name="headOut">Receives HeadSize rows.</param>
    /// <param name="output">Receives the last layer's residual output, Channels rows.</param>
    public void Process(float[] data, int input, int condition, int z, int headIn, int headOut, int output,
        int frames, int padded, ActivationKind activation)
    {
        foreach (var layer in _layers) layer.Input.EnsureRoom(padded);

        for (int i = 0; i < Config.InputSize; i++) _rechannelSources[i] = input + i * padded;
        var first = _layers[0].Input;
        RowMatrixKernel.Multiply(_rechannel, data, _rechannelSources, first.At(0, 0), first.RowStride, -1, 0, padded);

        for (int l = 0; l < _layers.Length; l++)
        {
            bool last = l == _layers.Length - 1;
            int destination = last ? output : _layers[l + 1].Input.At(0, 0);
            int destinationStride = last ? padded : _layers[l + 1].Input.RowStride;
            _layers[l].Process(data, condition, z, headIn, destination, destinationStride, padded, activation);
        }

        for (int i = 0; i < Config.Channels; i++) _headSources[i] = headIn + i * padded;
        RowMatrixKernel.Multiply(_headRechannel, data, _headSources, headOut, padded, -1, 0, padded);

        foreach (var layer in _layers) layer.Input.Advance(frames);
    }
}
