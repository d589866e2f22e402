namespace NeuralSynth.Engine.Core;

/// <summary>A processor that generates audio from timestamped events (notes, controllers, automation).</summary>
public interface IInstrument : IAudioProcessor
{
    /// <summary>
    /// Renders one block. <paramref name="events"/> must be sorted by <see cref="EngineEvent.SampleOffset"/>,
    /// each offset in 0..block.Length-1; each event takes effect at exactly its sample.
    /// </summary>
    void Process(AudioBlock output, ReadOnlySpan<EngineEvent> events);
}
