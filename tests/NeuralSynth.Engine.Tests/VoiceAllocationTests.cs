using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class VoiceAllocationTests
{
    private static readonly float[][] Buffers = { new float[256], new float[256] };

    private static void Run(SynthEngine engine, params EngineEvent[] events) =>
        engine.Process(new AudioBlock(Buffers, 0, 256), events);

    private static void RunShort(SynthEngine engine, int length, params EngineEvent[] events) =>
        engine.Process(new AudioBlock(Buffers, 0, length), events);

    [Fact]
    public void PolyphonyLimitStealsTheOldestVoiceWithAFade()
    {
        var engine = TestSupport.PreparedEngine(48000, 256, e => e.Parameters.SetImmediate(SynthParameters.Polyphony, 4));
        for (int n = 0; n < 4; n++) Run(engine, EngineEvent.NoteOn(0, 60 + n, 1f));
        Assert.Equal(4, engine.ActiveVoices);
        RunShort(engine, 32, EngineEvent.NoteOn(0, 70, 1f));
        Assert.Equal(5, engine.ActiveVoices); // the stolen voice is still fading...
        for (int i = 0; i < 4; i++) Run(engine);
        Assert.Equal(4, engine.ActiveVoices); // ...for a few milliseconds only
        Assert.True(engine.Messages.TryRead(out var message));
        Assert.Equal(EngineMessageCode.VoiceStolen, message.Code);
    }

    [Fact]
    public void SustainPedalHoldsReleasedNotesUntilLifted()
    {
        var engine = TestSupport.PreparedEngine(48000, 256, e => e.Parameters.SetImmediate(SynthParameters.Release, 5));
        Run(engine, EngineEvent.ControlChange(0, MidiController.Sustain, 1f), EngineEvent.NoteOn(1, 60, 1f));
        Run(engine, EngineEvent.NoteOff(0, 60));
        for (int i = 0; i < 40; i++) Run(engine);
        Assert.Equal(1, engine.ActiveVoices);
        Run(engine, EngineEvent.ControlChange(0, MidiController.Sustain, 0f));
        for (int i = 0; i < 40; i++) Run(engine);
        Assert.Equal(0, engine.ActiveVoices);
    }

    [Fact]
    public void LegatoModeUsesOneVoiceAndGlidesBetweenNotes()
    {
        var engine = TestSupport.PreparedEngine(48000, 256, e =>
        {
            TestSupport.Steady(e);
            e.Parameters.SetImmediate(SynthParameters.Mode, (float)VoiceMode.Legato);
            e.Parameters.SetImmediate(SynthParameters.Glide, 100);
        });
        Run(engine, EngineEvent.NoteOn(0, 60, 1f));
        for (int i = 0; i < 10; i++) Run(engine);
        Run(engine, EngineEvent.NoteOn(0, 72, 1f));
        Assert.Equal(1, engine.ActiveVoices);
        var voice = VoiceSnapshot(engine);
        Assert.InRange(voice.Pitch, 60, 61.5); // 256 samples into a 100 ms glide
        for (int i = 0; i < 30; i++) Run(engine);
        Assert.Equal(72, VoiceSnapshot(engine).Pitch, 3);
        // Releasing the top note returns to the held one.
        Run(engine, EngineEvent.NoteOff(0, 72));
        for (int i = 0; i < 30; i++) Run(engine);
        Assert.Equal(60, VoiceSnapshot(engine).Pitch, 3);
        Assert.Equal(1, engine.ActiveVoices);
    }

    [Fact]
    public void AllNotesOffReleasesEverything()
    {
        var engine = TestSupport.PreparedEngine(48000, 256, e => e.Parameters.SetImmediate(SynthParameters.Release, 5));
        for (int n = 0; n < 10; n++) Run(engine, EngineEvent.NoteOn(0, 50 + n, 1f));
        Run(engine, EngineEvent.ControlChange(0, MidiController.AllNotesOff, 0));
        for (int i = 0; i < 40; i++) Run(engine);
        Assert.Equal(0, engine.ActiveVoices);
    }

    private static Voice VoiceSnapshot(SynthEngine engine) =>
        engine.VoicesForInspection.Single(v => v.State is VoiceState.Held or VoiceState.Released);
}
