using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Generation.Live;
using NeuralSynth.Generation.Music;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class LiveGeneratorTests
{
    private const double SampleRate = 48000;
    private const int Block = 128;

    /// <summary>Runs the audio side in (roughly) real time on this thread while the generator thread works.</summary>
    private static (long AllocatedBytes, List<EngineEvent> Events) Play(LiveGenerator live, double seconds, double tempo,
        Func<double, double>? positionJump = null)
    {
        var events = new EngineEvent[256];
        var collected = new List<EngineEvent>(capacity: 100_000);
        double position = 0;
        long blocks = (long)(seconds * SampleRate / Block);
        var allocations = default(ThreadAllocations);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (long b = 0; b < blocks; b++)
        {
            if (b == 50) allocations = ThreadAllocations.Start(); // after JIT/tiering warm-up
            var transport = new BlockTransport(tempo, true, position, Block, SampleRate);
            int n = live.Scheduler.Process(transport, events);
            for (int i = 0; i < n; i++) collected.Add(events[i]); // pre-sized: no allocation
            position += Block / transport.SamplesPerBeat;
            if (positionJump is not null) position = positionJump(position);
            // Pace like a real audio callback (the generator needs wall time to stay ahead).
            double due = (b + 1) * Block / SampleRate;
            while (clock.Elapsed.TotalSeconds < due) Thread.SpinWait(50);
        }
        return (allocations.Bytes, collected);
    }

    [Fact]
    public void AudioThreadDoesNotAllocateWhileTheGeneratorRuns()
    {
        using var live = new LiveGenerator(new FakeTokenModel(delayMicroseconds: 200), new LiveSettings(Key: new Key(7, Mode.Major)), ownsModel: true);
        live.Start();
        // 4 s at 240 BPM = 16 beats = 4 bars, with a loop back to 0 every 2 bars.
        var (allocated, events) = Play(live, 4.0, 240, p => p >= 8 ? p - 8 : p);

        Assert.Null(live.Fault);
        Assert.Equal(0, allocated);
        Assert.True(live.BarsGenerated >= 3, $"bars generated {live.BarsGenerated}");
        Assert.Contains(events, e => e.Kind == EngineEventKind.NoteOn);
        // Each loop back to bar 0 replays what was composed; only the start made the generator compose afresh.
        Assert.True(live.Scheduler.LoopReplays >= 1, $"loop replays {live.Scheduler.LoopReplays}");
        Assert.Equal(1, live.Restarts);
        Assert.Equal(0, live.Scheduler.LateNotesDropped);
        Assert.All(events.Where(e => e.Kind == EngineEventKind.NoteOn), e => Assert.True(ScaleTable.Allows("G major", e.Data), $"{e.Data} out of G major"));
    }

    [Fact]
    public void GeneratorStaysAtLeastABarAheadWithTheRealModel()
    {
        var model = Model.GeneratorModelInfo.Load(TestPaths.ModelPath).Open();
        using var live = new LiveGenerator(model, new LiveSettings(Emotion: Emotion.Happy), ownsModel: true);
        live.Start();
        var (_, events) = Play(live, 3.0, 120); // 6 beats = 1.5 bars

        Assert.Null(live.Fault);
        Assert.Equal(0, live.Scheduler.LateNotesDropped);
        Assert.True(live.BarsGenerated >= 3, $"bars generated {live.BarsGenerated}"); // bar 0, 1 and the lookahead
        Assert.Contains(events, e => e.Kind == EngineEventKind.NoteOn);
    }

    [Fact]
    public void ContinueWhatIPlayRestartsFromTheUsersNotes()
    {
        using var live = new LiveGenerator(new FakeTokenModel(), new LiveSettings(ContinueWhatIPlay: true), ownsModel: true);
        live.Start();
        var transport = new BlockTransport(120, true, 0, Block, SampleRate);
        var events = new EngineEvent[256];
        live.Scheduler.Process(transport, events);
        long restartsBefore = 0;
        SpinWait.SpinUntil(() => live.BarsGenerated >= 2, 5000);
        restartsBefore = live.Restarts;
        live.Scheduler.RecordPlayed(transport, EngineEvent.NoteOn(0, 64, 0.8f));
        live.Scheduler.RecordPlayed(transport with { PositionQuarters = 1 }, EngineEvent.NoteOff(0, 64));
        Assert.True(SpinWait.SpinUntil(() => live.Restarts > restartsBefore, 5000));
        Assert.Null(live.Fault);
    }
}
