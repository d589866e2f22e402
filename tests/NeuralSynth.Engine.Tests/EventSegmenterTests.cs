using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class EventSegmenterTests
{
    /// <summary>Records what the segmenter asks of it, on a grid of <c>grid</c> samples counted from its first sample.</summary>
    private sealed class Recorder(int grid) : ISegmentedProcessor
    {
        public long Position;
        public readonly List<string> Log = [];

        public void ApplyEvent(in EngineEvent e) => Log.Add($"event {e.Data}@{Position}");

        public int BeginSegment() => grid - (int)(Position % grid);

        public void ProcessSegment(AudioBlock segment, int offset)
        {
            Log.Add($"segment {offset}+{segment.Length}");
            Position += segment.Length;
        }
    }

    [Fact]
    public void SplitsAtEventsAndGridAndAppliesQueuedFirstAndTrailingLast()
    {
        var recorder = new Recorder(grid: 8) { Position = 5 }; // the grid is the processor's, not the block's
        var queue = new SpscRing<EngineEvent>(4);
        queue.TryWrite(EngineEvent.NoteOn(0, 1, 1f));
        var block = new AudioBlock([new float[20]], 0, 20);

        EventSegmenter.Run(recorder, queue, block, [EngineEvent.NoteOn(0, 2, 1f), EngineEvent.NoteOn(6, 3, 1f), EngineEvent.NoteOn(99, 4, 1f)]);

        Assert.Equal(
        [
            "event 1@5", "event 2@5",
            "segment 0+3",          // up to the grid line at 8
            "segment 3+3",          // up to the event at offset 6
            "event 3@11",
            "segment 6+5",          // up to the grid line at 16
            "segment 11+8",
            "segment 19+1",         // the block's end
            "event 4@25",           // past the block: applied after it
        ], recorder.Log);
    }
}
