using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// Feature-wise linear modulation: a conditioning signal c (e.g. knob values or an embedding) produces a
/// per-channel scale and shift, <c>y[i][t] = x[i][t]·(Ws c[t] + bs)[i] + (Wb c[t] + bb)[i]</c>.
/// The scale and shift maps are one stacked matrix (2·channels rows) so both come from one kernel call.
/// </summary>
public sealed class FilmModulation
{
    private readonly Conv1x1 _projection;

    public FilmModulation(int conditionSize, int channels, bool shift = true)
    {
        ConditionSize = conditionSize;
        Channels = channels;
        HasShift = shift;
        _projection = new Conv1x1(conditionSize, shift ? 2 * channels : channels, bias: true);
    }

    public int ConditionSize { get; }
    public int Channels { get; }
    public bool HasShift { get; }

    /// <summary>Rows 0..Channels-1 give the scale; Channels..2·Channels-1 the shift.</summary>
    public PackedRowMatrix Weights => _projection.Weights;

    public void Prepare(int maxBlockSize) => _projection.Prepare(maxBlockSize);

    /// <summary>Modulates <paramref name="signal"/> (channel-major) in place.</summary>
    public void Process(Span<float> signal, int signalStride, ReadOnlySpan<float> condition, int conditionStride, int frames)
    {
        _projection.Process(condition, conditionStride, frames);
        for (int i = 0; i < Channels; i++)
        {
            var row = signal.Slice(i * signalStride, frames);
            var scale = _projection.Output(i, frames);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, scale, row);
            if (HasShift)
                System.Numerics.Tensors.TensorPrimitives.Add(row, _projection.Output(Channels + i, frames), row);
        }
    }
}
