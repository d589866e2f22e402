using System.Numerics.Tensors;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// One residual WaveNet layer, as NeuralAmpModelerCore defines it:
/// <c>z = act(DilatedConv(x) + Mixin(condition))</c> (gated: <c>act(top)·σ(bottom)</c>),
/// skip: <c>head += z</c>, residual: <c>next = x + Conv1x1(z)</c>.
/// The dilated conv and the condition mixin share one kernel call: the condition rows are just extra
/// source rows after the K·C conv taps.
/// </summary>
internal sealed class WaveNetLayer
{
    private readonly WaveNetLayerArrayConfig _config;
    private readonly PackedRowMatrix _convAndMixin;
    private readonly PackedRowMatrix _oneByOne;
    private readonly int[] _convSources;
    private readonly int[] _oneByOneSources;
    private HistoryMatrix? _input;

    public WaveNetLayer(WaveNetLayerArrayConfig config, int dilation)
    {
        _config = config;
        Dilation = dilation;
        int c = config.Channels;
        _convAndMixin = new PackedRowMatrix(config.ConvOutputs, config.KernelSize * c + config.ConditionSize, hasBias: true);
        _oneByOne = new PackedRowMatrix(c, c, hasBias: true);
        _convSources = new int[_convAndMixin.Columns];
        _oneByOneSources = new int[c];
    }

    public int Dilation { get; }

    /// <summary>This layer's input history (written by the previous layer or the rechannel).</summary>
    public HistoryMatrix Input => _input ?? throw new InvalidOperationException("Prepare was not called");

    /// <summary>Consumes weights in NAM order: conv [out][in][tap] + bias, mixin [out][cond], 1x1 [out][in] + bias.</summary>
    public void LoadWeights(WeightCursor weights)
    {
        int c = _config.Channels;
        int k = _config.KernelSize;
        for (int o = 0; o < _config.ConvOutputs; o++)
            for (int i = 0; i < c; i++)
                for (int tap = 0; tap < k; tap++)
                    _convAndMixin[o, tap * c + i] = weights.Next();
        for (int o = 0; o < _config.ConvOutputs; o++) _convAndMixin.SetBias(o, weights.Next());
        for (int o = 0; o < _config.ConvOutputs; o++)
            for (int m = 0; m < _config.ConditionSize; m++)
                _convAndMixin[o, k * c + m] = weights.Next();
        for (int o = 0; o < c; o++)
            for (int i = 0; i < c; i++)
                _oneByOne[o, i] = weights.Next();
        for (int o = 0; o < c; o++) _oneByOne.SetBias(o, weights.Next());
    }

    public void Plan(FloatArena arena, int paddedMax) =>
        _input = new HistoryMatrix(arena, _config.Channels, Dilation * (_config.KernelSize - 1), paddedMax);

    /// <param name="data">Model arena.</param>
    /// <param name="condition">Offset of the condition rows (stride <paramref name="padded"/>).</param>
    /// <param name="z">Scratch for the activation, ConvOutputs x padded.</param>
    /// <param name="head">Skip accumulator, Channels x padded.</param>
    /// <param name="destination">Where the residual output goes (next layer's history or the array output).</param>
    /// <param name="destinationStride">Row stride of the destination.</param>
    /// <param name="padded">Padded block length.</param>
    /// <param name="activation">Activation to use (the config's, or FastTanh when requested).</param>
    public void Process(float[] data, int condition, int z, int head, int destination, int destinationStride,
        int padded, ActivationKind activation)
    {
        var input = Input;
        int c = _config.Channels;
        int k = _config.KernelSize;
        for (int tap = 0; tap < k; tap++)
        {
            int delay = Dilation * (k - 1 - tap);
            for (int i = 0; i < c; i++) _convSources[tap * c + i] = input.At(i, delay);
        }
        for (int m = 0; m < _config.ConditionSize; m++) _convSources[k * c + m] = condition + m * padded;
        RowMatrixKernel.Multiply(_convAndMixin, data, _convSources, z, padded, -1, 0, padded);

        var top = data.AsSpan(z, c * padded);
        Activation.Apply(activation, top);
        if (_config.Gated)
        {
            var gate = data.AsSpan(z + c * padded, c * padded);
            TensorPrimitives.Sigmoid(gate, gate);
            TensorPrimitives.Multiply(top, gate, top);
        }

        var skip = data.AsSpan(head, c * padded);
        TensorPrimitives.Add(skip, top, skip);

        for (int i = 0; i < c; i++) _oneByOneSources[i] = z + i * padded;
        RowMatrixKernel.Multiply(_oneByOne, data, _oneByOneSources, destination, destinationStride,
            input.At(0, 0), input.RowStride, padded);
    }
}
