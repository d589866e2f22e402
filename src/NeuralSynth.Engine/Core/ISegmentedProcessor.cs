namespace NeuralSynth.Engine.Core;

/// <summary>
/// The three steps a processor supplies to <see cref="EventSegmenter"/>, which owns the block loop. Implemented
/// explicitly by each processor, so these steps stay off its public face.
/// </summary>
public interface ISegmentedProcessor
{
    /// <summary>Applies one event, queued or timed; called in order, before the segment that starts at its sample.</summary>
    void ApplyEvent(in EngineEvent e);

    /// <summary>
    /// Called at the start of every segment, after the events due there: runs what is due on the processor's own
    /// grid (a control tick, a chunk boundary) and returns how many samples may follow before the next grid line
    /// (at least 1).
    /// </summary>
    int BeginSegment();

    /// <summary>Renders <paramref name="segment"/>, which starts <paramref name="offset"/> samples into the block.</summary>
    void ProcessSegment(AudioBlock segment, int offset);
}
