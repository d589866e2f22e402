using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// A stack of <see cref="WaveNetLayer"/>s with a shared channel count: rechannel the input (1x1, no bias),
/// run the layers while summing their skip outputs into the head accumulator, then project the accumulator
/// to head_size with the head rechannel (a causal conv, one tap in format 0.5, possibly dilated since 0.6).
/// </summary>
internal sealed class WaveNetLayerArray
{
    private readonly PackedRowMatrix _rechannel;
    private readonly PackedRowMatrix _headRechannel;
    private readonly WaveNetLayer[] _layers;
    private readonly int[] _rechannelSources;
    private readonly int[] _headSources;
    private HistoryMatrix? _head;

    public WaveNetLayerArray(WaveNetLayerArrayConfig config)
    {
        Config = config;
        _rechannel = new PackedRowMatrix(config.Channels, config.InputSize, hasBias: false);
        _headRechannel = new PackedRowMatrix(config.HeadSize, config.HeadInputSize * config.HeadKernelSize, config.HeadBias);
        _layers = new WaveNetLayer[config.LayerCount];
        for (int i = 0; i < _layers.Length; i++) _layers[i] = new WaveNetLayer(config, i);
        _rechannelSources = new int[config.InputSize];
        _headSources = new int[_headRechannel.Columns];
    }

    public WaveNetLayerArrayConfig Config { get; }

    public int FilmScratchRows => _layers.Max(l => l.FilmScratchRows);

    public void LoadWeights(WeightCursor weights)
    {
        GroupedWeights.Load(weights, _rechannel, Config.Channels, Config.InputSize, 1);
        foreach (var layer in _layers) layer.LoadWeights(weights);
        GroupedWeights.Load(weights, _headRechannel, Config.HeadSize, Config.HeadInputSize, 1, Config.HeadKernelSize);
        if (Config.HeadBias) GroupedWeights.LoadBias(weights, _headRechannel, Config.HeadSize);
    }

    public void Plan(FloatArena arena, int paddedMax)
    {
        foreach (var layer in _layers) layer.Plan(arena, paddedMax);
        _head = new HistoryMatrix(arena, Config.HeadInputSize, Config.HeadLookback, paddedMax);
    }

    public void Bind(float[] data)
    {
        foreach (var layer in _layers) layer.Bind(data);
        _head!.Bind(data);
    }

    public void Reset()
    {
        foreach (var layer in _layers) layer.Reset();
        _head?.Reset();
    }

    /// <summary>
    /// Processes one padded block. All row groups except the histories use stride <paramref name="padded"/>.
    /// </summary>
    /// <param name="input">Rows fed to the rechannel (the audio for the first array, else the previous array's output).</param>
    /// <param name="headIn">The previous array's head output (HeadInputSize rows), or -1 to start from zero.</param>
    /// <param name="headOut">Receives HeadSize rows.</param>
    /// <param name="output">Receives the last layer's residual output, Channels rows.</param>
    public void Process(float[] data, WaveNetScratch scratch, int input, int headIn, int headOut, int output,
        int frames, int padded, bool fastTanh)
    {
        var head = _head!;
        foreach (var layer in _layers) layer.EnsureRoom(padded);
        head.EnsureRoom(padded);

        for (int i = 0; i < Config.InputSize; i++) _rechannelSources[i] = input + i * padded;
        var first = _layers[0].Input;
        RowMatrixKernel.Multiply(_rechannel, data, _rechannelSources, first.At(0, 0), first.RowStride, -1, 0, padded);

        for (int r = 0; r < Config.HeadInputSize; r++)
        {
            var row = data.AsSpan(head.At(r, 0), padded);
            if (headIn < 0) row.Clear();
            else data.AsSpan(headIn + r * padded, padded).CopyTo(row);
        }

        for (int l = 0; l < _layers.Length; l++)
        {
            bool last = l == _layers.Length - 1;
            int destination = last ? output : _layers[l + 1].Input.At(0, 0);
            int destinationStride = last ? padded : _layers[l + 1].Input.RowStride;
            _layers[l].Process(data, scratch, head.At(0, 0), head.RowStride, destination, destinationStride, padded, fastTanh);
        }

        int k = Config.HeadKernelSize;
        for (int tap = 0; tap < k; tap++)
        {
            int delay = Config.HeadDilation * (k - 1 - tap);
            for (int i = 0; i < Config.HeadInputSize; i++) _headSources[tap * Config.HeadInputSize + i] = head.At(i, delay);
        }
        RowMatrixKernel.Multiply(_headRechannel, data, _headSources, headOut, padded, -1, 0, padded);

        foreach (var layer in _layers) layer.Advance(frames);
        head.Advance(frames);
    }
}
