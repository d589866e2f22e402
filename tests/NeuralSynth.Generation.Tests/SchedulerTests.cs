using NeuralSynth.Engine.Core;
using NeuralSynth.Generation.Live;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class SchedulerTests
{
    private const double SampleRate = 48000;
    private const int Block = 256;

    private static (GeneratedNoteScheduler Scheduler, SpscRing<GeneratedNote> Notes, SpscRing<TransportCommand> Commands) Create()
    {
        var notes = new SpscRing<GeneratedNote>(1024);
        var commands = new SpscRing<TransportCommand>(64);
        var scheduler = new GeneratedNoteScheduler(notes, commands, new SpscRing<PlayedNote>(64), new AtomicDouble(0));
        return (scheduler, notes, commands);
    }

    /// <summary>
    /// Host transport simulation: tempo 120 until beat 1.5 (a block boundary in the middle of bar 0), then 90.
    /// Each note-on must land on the exact sample where its beat falls under that tempo map.
    /// </summary>
    [Fact]
    public void NotesLandOnTheirBeatsAcrossAMidBarTempoChange()
    {
        var (scheduler, notes, commands) = Create();
        double[] beats = [0, 0.25, 0.5, 1.0, 1.4, 1.5, 1.75, 2.0, 2.333, 3.0, 4.0, 5.5, 7.9];
        // Epoch 1 is what the scheduler assigns when playback starts.
        foreach (double b in beats) notes.TryWrite(new GeneratedNote(b, 0.1, 60, 100, 1));

        const double changeBeat = 1.5;
        long changeSample = (long)(changeBeat * SampleRate * 60 / 120); // 36000 = block-aligned (256 × 140.625)? no
        changeSample = changeSample / Block * Block;                     // snap the change to a block boundary
        double changeAt = changeSample / (SampleRate * 60 / 120);       // beat where the host switches tempo

        var onsets = new List<long>();
        var events = new EngineEvent[64];
        long sample = 0;
        double position = 0;
        while (position < 8.5)
        {
            double tempo = sample < changeSample ? 120 : 90;
            var transport = new BlockTransport(tempo, true, position, Block, SampleRate);
            int n = scheduler.Process(transport, events);
            for (int i = 0; i < n; i++)
            {
                Assert.InRange(events[i].SampleOffset, 0, Block - 1);
                if (events[i].Kind == EngineEventKind.NoteOn) onsets.Add(sample + events[i].SampleOffset);
            }
            sample += Block;
            position += Block / transport.SamplesPerBeat;
        }

        Assert.True(commands.TryRead(out var start) && start.Kind == TransportCommandKind.Reposition);
        var expected = beats.Select(b => b < changeAt
            ? (long)Math.Round(b * SampleRate * 60 / 120)
            : changeSample + (long)Math.Round((b - changeAt) * SampleRate * 60 / 90)).ToList();
        Assert.Equal(expected, onsets);
    }

    /// <summary>
    /// After the host jumps into the middle of a bar the generator composes that whole bar: its notes before the
    /// jump point were never due, so they are skipped and not counted late; a note after the jump point that
    /// arrives after it has ended is late.
    /// </summary>
    [Fact]
    public void NotesBeforeAJumpPointAreSkippedNotLate()
    {
        var (scheduler, notes, commands) = Create();
        var events = new EngineEvent[64];
        double blockBeats = Block / (SampleRate * 60 / 120);
        scheduler.Process(new BlockTransport(120, true, 0, Block, SampleRate), events); // starts: epoch 1
        // The host jumps to beat 2.5 (mid-bar): epoch 2 is requested.
        scheduler.Process(new BlockTransport(120, true, 2.5, Block, SampleRate), events);
        Assert.True(commands.TryRead(out _));
        Assert.True(commands.TryRead(out var jump));
        Assert.Equal(2.5, jump.Beat);
        // The regenerated bar arrives ten blocks (53 ms) later: notes at 0..2 (before the jump), one at 2.5 that
        // ended already, one at 3.5 still ahead.
        double position = 2.5 + blockBeats;
        for (int b = 0; b < 10; b++, position += blockBeats)
            Assert.Equal(0, scheduler.Process(new BlockTransport(120, true, position, Block, SampleRate), events));
        foreach (double beat in new[] { 0.0, 1.0, 2.0 }) notes.TryWrite(new GeneratedNote(beat, 0.25, 60, 100, jump.Epoch));
        notes.TryWrite(new GeneratedNote(2.5, 0.05, 62, 100, jump.Epoch));
        notes.TryWrite(new GeneratedNote(3.5, 0.25, 64, 100, jump.Epoch));
        int onsets = 0;
        for (int b = 0; b < 100; b++, position += blockBeats)
        {
            int n = scheduler.Process(new BlockTransport(120, true, position, Block, SampleRate), events);
            onsets += events.Take(n).Count(e => e.Kind == EngineEventKind.NoteOn);
        }
        Assert.Equal(3, scheduler.NotesBeforeJumpSkipped);
        Assert.Equal(1, scheduler.LateNotesDropped);
        Assert.Equal(1, onsets);
    }

    /// <summary>
    /// A host loop back into music already composed replays it from the scheduler's history: the loop start sounds
    /// on time, like a recorded clip, and the generator is not asked to compose it again (which would make its
    /// first notes late by a bar's compute time).
    /// </summary>
    [Fact]
    public void LoopBackIntoComposedMusicReplaysItOnTime()
    {
        var (scheduler, notes, commands) = Create();
        var events = new EngineEvent[64];
        notes.TryWrite(new GeneratedNote(0.0, 8, 60, 100, 1));
        notes.TryWrite(new GeneratedNote(0.0, 8, 64, 100, 1));
        notes.TryWrite(new GeneratedNote(3.0, 1, 67, 100, 1));

        int n = scheduler.Process(new BlockTransport(120, true, 0, Block, SampleRate), events);
        Assert.Equal(2, events.Take(n).Count(e => e.Kind == EngineEventKind.NoteOn));
        double blockBeats = Block / (SampleRate * 60 / 120);
        for (int b = 1; b < 20; b++)
            Assert.Equal(0, scheduler.Process(new BlockTransport(120, true, b * blockBeats, Block, SampleRate), events));

        // Loop back from beat ~0.1 to 0: both sounding notes are released and start again at once, at sample 0.
        n = scheduler.Process(new BlockTransport(120, true, 0, Block, SampleRate), events);
        var loop = events.Take(n).ToList();
        Assert.Equal([60, 64], loop.Where(e => e.Kind == EngineEventKind.NoteOff && e.SampleOffset == 0).Select(e => (int)e.Data).Order());
        Assert.Equal([60, 64], loop.Where(e => e.Kind == EngineEventKind.NoteOn && e.SampleOffset == 0).Select(e => (int)e.Data).Order());
        Assert.True(loop.FindLastIndex(e => e.Kind == EngineEventKind.NoteOff) < loop.FindIndex(e => e.Kind == EngineEventKind.NoteOn));
        Assert.Equal(1, scheduler.PendingNoteCount); // the note at beat 3 is still to come
        Assert.Equal(1, scheduler.LoopReplays);
        Assert.Equal(1, scheduler.Epoch);
        Assert.True(commands.TryRead(out var start) && start.Kind == TransportCommandKind.Reposition);
        Assert.False(commands.TryRead(out _), "a replayed loop must not ask the generator to compose again");

        // The third note plays at beat 3 of the second pass, on its sample.
        int? onset = null;
        for (int b = 1; b < 400 && onset is null; b++)
        {
            n = scheduler.Process(new BlockTransport(120, true, b * blockBeats, Block, SampleRate), events);
            foreach (var e in events.Take(n))
                if (e.Kind == EngineEventKind.NoteOn && e.Data == 67) onset = b * Block + e.SampleOffset;
        }
        Assert.Equal((int)Math.Round(3.0 * SampleRate / 2), onset);
        Assert.Equal(0, scheduler.LateNotesDropped);
    }

    /// <summary>
    /// While stopped the composer is cued where the transport stands; play starting there keeps the cued notes
    /// (no regeneration, first note on its sample). Moving the stopped playhead cues again; starting elsewhere
    /// regenerates.
    /// </summary>
    [Fact]
    public void StoppedTransportCuesTheComposerAndPlayFromThereFindsItsNotes()
    {
        var (scheduler, notes, commands) = Create();
        var events = new EngineEvent[64];
        for (int b = 0; b < 5; b++) Assert.Equal(0, scheduler.Process(new BlockTransport(120, false, 8, Block, SampleRate), events));
        Assert.True(commands.TryRead(out var cue));
        Assert.Equal((TransportCommandKind.Stop, 8.0, 1), (cue.Kind, cue.Beat, cue.Epoch));
        Assert.False(commands.TryRead(out _));

        // The composer sends the cued bar while the transport is still stopped.
        notes.TryWrite(new GeneratedNote(8.0, 0.5, 60, 100, 1));
        notes.TryWrite(new GeneratedNote(9.0, 0.5, 62, 100, 1));
        for (int b = 0; b < 3; b++) Assert.Equal(0, scheduler.Process(new BlockTransport(120, false, 8, Block, SampleRate), events));
        Assert.Equal(2, scheduler.PendingNoteCount);

        int n = scheduler.Process(new BlockTransport(120, true, 8, Block, SampleRate), events);
        Assert.Equal([(EngineEventKind.NoteOn, 0, 60)], events.Take(n).Select(e => (e.Kind, e.SampleOffset, (int)e.Data)));
        Assert.False(commands.TryRead(out _), "play from the cue must not regenerate");
        Assert.Equal(1, scheduler.CuedStarts);

        // Stop, move the stopped playhead (a new cue), then start somewhere else: regenerate there.
        scheduler.Process(new BlockTransport(120, false, 8.1, Block, SampleRate), events);
        scheduler.Process(new BlockTransport(120, false, 16, Block, SampleRate), events);
        scheduler.Process(new BlockTransport(120, true, 4, Block, SampleRate), events);
        var kinds = new List<(TransportCommandKind, double, int)>();
        while (commands.TryRead(out var c)) kinds.Add((c.Kind, c.Beat, c.Epoch));
        Assert.Equal([(TransportCommandKind.Stop, 8.1, 2), (TransportCommandKind.Stop, 16.0, 3), (TransportCommandKind.Reposition, 4.0, 4)], kinds);
        Assert.Equal(0, scheduler.LateNotesDropped);
    }

    [Fact]
    public void LoopBackBeforeTheComposedMusicRegenerates()
    {
        var (scheduler, notes, commands) = Create();
        var events = new EngineEvent[64];
        double blockBeats = Block / (SampleRate * 60 / 120);
        // Playback starts at beat 8: the generator composes from there (epoch 1).
        scheduler.Process(new BlockTransport(120, true, 8, Block, SampleRate), events);
        notes.TryWrite(new GeneratedNote(8.5, 1, 60, 100, 1));
        scheduler.Process(new BlockTransport(120, true, 8 + blockBeats, Block, SampleRate), events);
        // A loop back to beat 4 lies before anything composed in this epoch: regenerate from there.
        scheduler.Process(new BlockTransport(120, true, 4, Block, SampleRate), events);
        Assert.True(commands.TryRead(out _));
        Assert.True(commands.TryRead(out var jump));
        Assert.Equal((TransportCommandKind.Reposition, 4.0, 2), (jump.Kind, jump.Beat, jump.Epoch));
        Assert.Equal(0, scheduler.PendingNoteCount);
        Assert.Equal(0, scheduler.LoopReplays);
    }

    [Fact]
    public void LocateForwardFlushesAndRequestsRegenerationAndStopReleases()
    {
        var (scheduler, notes, commands) = Create();
        var events = new EngineEvent[64];
        notes.TryWrite(new GeneratedNote(0.0, 8, 60, 100, 1));
        notes.TryWrite(new GeneratedNote(3.0, 1, 67, 100, 1));
        int n = scheduler.Process(new BlockTransport(120, true, 0, Block, SampleRate), events);
        Assert.Equal(1, events.Take(n).Count(e => e.Kind == EngineEventKind.NoteOn));

        // Locate forward to beat 16: the sounding note is released, the queue flushed, regeneration requested.
        n = scheduler.Process(new BlockTransport(120, true, 16, Block, SampleRate), events);
        Assert.Equal([60], events.Take(n).Where(e => e.Kind == EngineEventKind.NoteOff && e.SampleOffset == 0).Select(e => (int)e.Data));
        Assert.Equal(0, scheduler.PendingNoteCount);
        commands.TryRead(out _); // the start
        Assert.True(commands.TryRead(out var locate));
        Assert.Equal((TransportCommandKind.Reposition, 16.0, 2), (locate.Kind, locate.Beat, locate.Epoch));

        // A stale note (old epoch) is ignored; a fresh one plays; stop releases it.
        double blockBeats = Block / (SampleRate * 60 / 120);
        notes.TryWrite(new GeneratedNote(16.02, 8, 70, 100, 1));
        notes.TryWrite(new GeneratedNote(16.02, 8, 72, 100, 2));
        double pos = 16 + blockBeats;
        n = scheduler.Process(new BlockTransport(120, true, pos, Block, SampleRate), events);
        Assert.Equal([72], events.Take(n).Where(e => e.Kind == EngineEventKind.NoteOn).Select(e => (int)e.Data));
        n = scheduler.Process(new BlockTransport(120, false, pos + blockBeats, Block, SampleRate), events);
        Assert.Equal([72], events.Take(n).Where(e => e.Kind == EngineEventKind.NoteOff).Select(e => (int)e.Data));
        Assert.True(commands.TryRead(out var stop) && stop.Kind == TransportCommandKind.Stop);
    }

    [Fact]
    public void ShortNotesAreReleasedInsideTheSameBlockAfterTheirOnset()
    {
        var (scheduler, notes, _) = Create();
        var events = new EngineEvent[16];
        notes.TryWrite(new GeneratedNote(0.001, 0.001, 60, 100, 1));
        int n = scheduler.Process(new BlockTransport(120, true, 0, Block, SampleRate), events);
        Assert.Equal(2, n);
        Assert.Equal(EngineEventKind.NoteOn, events[0].Kind);
        Assert.Equal(EngineEventKind.NoteOff, events[1].Kind);
        Assert.True(events[1].SampleOffset >= events[0].SampleOffset);
    }
}
