using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// Pointwise (kernel 1) convolution, i.e. the same dense map applied to every frame of a channel-major block:
/// <c>y[o][t] = b[o] + sum_i W[o][i] * x[i][t]</c>. Stateless.
/// </summary>
internal sealed class Conv1x1
{
    private readonly int[] _sources;
    private FloatArena _arena = new();
    private int _inputOffset;
    private int _outputOffset;
    private int _paddedMax;
    private int _paddedFrames;

    public Conv1x1(int inChannels, int outChannels, bool bias)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        Weights = new PackedRowMatrix(outChannels, inChannels, bias);
        _sources = new int[inChannels];
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public PackedRowMatrix Weights { get; }

    public void Prepare(int maxBlockSize)
    {
        _paddedMax = RowMatrixKernel.PadColumns(maxBlockSize);
        _arena = new FloatArena();
        _inputOffset = _arena.Reserve(InChannels * _paddedMax);
        _outputOffset = _arena.Reserve(OutChannels * _paddedMax);
        _arena.Allocate();
    }

    /// <summary>Applies the map to <paramref name="frames"/> frames of a channel-major input.</summary>
    public void Process(ReadOnlySpan<float> input, int inputStride, int frames)
    {
        if (_arena.Length == 0) throw new InvalidOperationException("Prepare was not called");
        _paddedFrames = RowMatrixKernel.PadColumns(frames);
        float[] data = _arena.Data;
        for (int i = 0; i < InChannels; i++)
        {
            int row = _inputOffset + i * _paddedFrames;
            input.Slice(i * inputStride, frames).CopyTo(data.AsSpan(row, frames));
            data.AsSpan(row + frames, _paddedFrames - frames).Clear();
            _sources[i] = row;
        }
        RowMatrixKernel.Multiply(Weights, data, _sources, _outputOffset, _paddedFrames, -1, 0, _paddedFrames);
    }

    public Span<float> Output(int channel, int frames) =>
        _arena.Data.AsSpan(_outputOffset + channel * _paddedFrames, frames);
}
