namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// One layer of a frame-by-frame model (recurrent models cannot be batched over time): consumes one input
/// vector per sample and returns its output vector, valid until the next call.
/// </summary>
public abstract class SequenceLayer
{
    public abstract int InputSize { get; }
    public abstract int OutputSize { get; }
    public abstract void Reset();
    public abstract ReadOnlySpan<float> Step(ReadOnlySpan<float> input);
}
