namespace NeuralSynth.Engine.Core;

/// <summary>
/// The one block loop every event-driven processor runs: drain events queued by other threads, split the block
/// at each timed event's sample and at the processor's own grid, and apply the events that trail the block.
/// Splitting at exact samples and at a grid counted from the start of playback (not from block boundaries) is
/// what makes output independent of the host's block size.
/// </summary>
public static class EventSegmenter
{
    /// <summary>
    /// Processes <paramref name="block"/> through <paramref name="processor"/>. Generic over the processor so the
    /// JIT calls its steps directly. Allocation-free.
    /// </summary>
    public static void Run<TProcessor>(TProcessor processor, SpscRing<EngineEvent> queued, AudioBlock block, ReadOnlySpan<EngineEvent> events)
        where TProcessor : ISegmentedProcessor
    {
        // Bounded: never more events per block than the ring holds, so a flooding producer cannot stall the block.
        int budget = queued.Capacity;
        while (budget-- > 0 && queued.TryRead(out var e)) processor.ApplyEvent(e);

        int length = block.Length;
        int position = 0, next = 0;
        while (position < length)
        {
            while (next < events.Length && events[next].SampleOffset <= position) processor.ApplyEvent(events[next++]);
            int untilGrid = processor.BeginSegment();
            int untilEvent = next < events.Length ? Math.Min(events[next].SampleOffset, length) - position : length - position;
            int segment = Math.Max(1, Math.Min(untilEvent, untilGrid));
            processor.ProcessSegment(block.Slice(position, segment), position);
            position += segment;
        }
        while (next < events.Length) processor.ApplyEvent(events[next++]); // offsets past the block end are clamped to its end
    }
}
