using NAudio.Midi;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Midi;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class MidiLoaderTests
{
    [Fact]
    public void DemoLoadsWithNotesOnSeveralChannelsAndATempoChange()
    {
        var sequence = MidiFileLoader.Load(TestSupport.DemoMidi);
        Assert.True(sequence.NoteCount > 40);
        Assert.Contains(sequence.Events, e => e.Event.Kind == EngineEventKind.PitchBend);
        Assert.Contains(sequence.Events, e => e.Event.Kind == EngineEventKind.ControlChange && e.Event.Data == NeuralSynth.Engine.Core.MidiController.Sustain);
        Assert.True(sequence.Events.Select(e => e.Event.Channel).Distinct().Count() >= 2);
        Assert.InRange(sequence.DurationSeconds, 15, 25);
    }

    [Fact]
    public void TempoChangesInAnotherTrackMoveLaterNotes()
    {
        var collection = new MidiEventCollection(1, 480);
        var conductor = collection.AddTrack();
        conductor.Add(new TempoEvent(500_000, 0));      // 120 BPM: one beat = 0.5 s
        conductor.Add(new TempoEvent(1_000_000, 960));  // 60 BPM from beat 2
        conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, 2000));
        var track = collection.AddTrack();
        var on = new NoteOnEvent(1440, 1, 60, 100, 240); // beat 3
        track.Add(on);
        track.Add(on.OffEvent);
        track.Add(new MetaEvent(MetaEventType.EndTrack, 0, 2000));
        collection.PrepareForExport();
        string path = Path.Combine(Path.GetTempPath(), $"tempo-{Guid.NewGuid():N}.mid");
        MidiFile.Export(path, collection);
        try
        {
            var noteOn = MidiFileLoader.Load(path).Events.First(e => e.Event.Kind == EngineEventKind.NoteOn);
            Assert.Equal(2.0, noteOn.Seconds, 9); // 2 beats at 0.5 s + 1 beat at 1 s
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GarbageAndTruncatedFilesGiveAClearError()
    {
        var garbage = Assert.Throws<InvalidInputException>(() => MidiFileLoader.Load(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 }, "x.mid"));
        Assert.Equal("x.mid: not a Standard MIDI File (no MThd header)", garbage.Message);

        byte[] demo = File.ReadAllBytes(TestSupport.DemoMidi);
        for (int cut = 14; cut < demo.Length; cut += Math.Max(1, demo.Length / 40))
        {
            try { MidiFileLoader.Load(demo[..cut], "cut.mid"); }
            catch (InvalidInputException e) { Assert.StartsWith("cut.mid: ", e.Message); }
        }
    }
}
