using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// Causal dilated 1-D convolution over channel-major blocks:
/// <c>y[o][t] = b[o] + sum_k sum_i W[o][i][k] * x[i][t - dilation*(K-1-k)]</c> (tap K-1 is the current sample).
/// Keeps its own input history so consecutive blocks of any size join seamlessly.
/// </summary>
internal sealed class Conv1D
{
    private readonly int[] _sources;
    private FloatArena _arena = new();
    private HistoryMatrix? _history;
    private int _outputOffset;
    private int _paddedMax;
    private int _paddedFrames;

    public Conv1D(int inChannels, int outChannels, int kernelSize, int dilation, bool bias)
    {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || dilation <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), "sizes must be positive");
        InChannels = inChannels;
        OutChannels = outChannels;
        KernelSize = kernelSize;
        Dilation = dilation;
        Weights = new PackedRowMatrix(outChannels, kernelSize * inChannels, bias);
        _sources = new int[kernelSize * inChannels];
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }
    public int Dilation { get; }

    /// <summary>Past samples the convolution looks at.</summary>
    public int Lookback => Dilation * (KernelSize - 1);

    /// <summary>Column k*InChannels + i holds tap k of input channel i.</summary>
    public PackedRowMatrix Weights { get; }

    public void SetWeight(int output, int input, int tap, float value) => Weights[output, tap * InChannels + input] = value;

    public void SetBias(int output, float value) => Weights.SetBias(output, value);

    public void Prepare(int maxBlockSize)
    {
        _paddedMax = RowMatrixKernel.PadColumns(maxBlockSize);
        _arena = new FloatArena();
        _history = new HistoryMatrix(_arena, InChannels, Lookback, _paddedMax);
        _outputOffset = _arena.Reserve(OutChannels * _paddedMax);
        _arena.Allocate();
        _history.Bind(_arena.Data);
    }

    public void Reset() => _history?.Reset();

    /// <summary>
    /// Convolves <paramref name="frames"/> new frames. <paramref name="input"/> is channel-major with rows
    /// <paramref name="inputStride"/> apart; read the result with <see cref="Output"/>.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, int inputStride, int frames)
    {
        var history = _history ?? throw new InvalidOperationException("Prepare was not called");
        _paddedFrames = RowMatrixKernel.PadColumns(frames);
        history.EnsureRoom(_paddedFrames);
        float[] data = _arena.Data;
        for (int i = 0; i < InChannels; i++)
        {
            input.Slice(i * inputStride, frames).CopyTo(data.AsSpan(history.At(i, 0), frames));
            data.AsSpan(history.At(i, 0) + frames, _paddedFrames - frames).Clear();
        }
        for (int k = 0; k < KernelSize; k++)
            for (int i = 0; i < InChannels; i++)
                _sources[k * InChannels + i] = history.At(i, Dilation * (KernelSize - 1 - k));
        RowMatrixKernel.Multiply(Weights, data, _sources, _outputOffset, _paddedFrames, -1, 0, _paddedFrames);
        history.Advance(frames);
    }

    /// <summary>Row <paramref name="channel"/> of the last processed block.</summary>
    public Span<float> Output(int channel, int frames) =>
        _arena.Data.AsSpan(_outputOffset + channel * _paddedFrames, frames);
}
