using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public class AutomationTests
{
    private const int Block = 256;

    /// <summary>The engine driven directly, with the plug-in's starting values: what the plug-in must reproduce.</summary>
    private static SynthEngine Reference()
    {
        var engine = new SynthEngine();
        engine.Prepare(48000, 512, 2);
        var definition = PluginDefinition.For(PluginKind.Instrument);
        for (int i = 0; i < definition.Count; i++)
            if (definition.Parameters[i].Role == ParameterRole.Engine)
                engine.Parameters.SetImmediate(definition.Parameters[i].Spec.Id, definition.DefaultPlain[i]);
        return engine;
    }

    private static float[] Render(SynthEngine engine, params EngineEvent[] events)
    {
        var buffers = new[] { new float[Block], new float[Block] };
        engine.Process(new AudioBlock(buffers, 0, Block), events);
        return buffers[0];
    }

    [Fact]
    public void Automation_point_lands_at_its_sample()
    {
        var spec = PluginDefinition.For(PluginKind.Instrument).Parameters
            .Single(p => p.Spec.Id == SynthParameters.MasterGain).Spec;
        float plain = spec.ToPlain(0.2);

        using var plugin = new PluginInstance(PluginKind.Instrument);
        var notes = new FakeEventList().NoteOn(0, 57, 0.8f);
        float[] first = plugin.Process(Block, notes)[0];
        notes.Release();
        var changes = new FakeParameterChanges().Point(SynthParameters.MasterGain, 77, 0.2);
        float[] second = plugin.Process(Block, changes: changes)[0];
        changes.Release();

        var automated = Reference();
        Assert.Equal(Render(automated, EngineEvent.NoteOn(0, 57, 0.8f)), first);
        Assert.Equal(Render(automated, EngineEvent.Parameter(77, SynthParameters.MasterGain, plain)), second);

        var plain2 = Reference();
        Render(plain2, EngineEvent.NoteOn(0, 57, 0.8f));
        float[] untouched = Render(plain2);
        int firstDifference = Enumerable.Range(0, Block).First(i => untouched[i] != second[i]);
        Assert.InRange(firstDifference, 77, 78); // the ramp starts at sample 77 (its first value equals the old one)
    }

    [Fact]
    public void Notes_and_midi_controllers_land_at_their_samples()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var notes = new FakeEventList().NoteOn(100, 64, 0.5f, channel: 1).NoteOff(200, 64, channel: 1);
        var bend = new FakeParameterChanges().Point((uint)ParameterIds.Midi(1, Vst.CtrlPitchBend), 150, 12288 / 16383.0);
        float[] output = plugin.Process(Block, notes, bend)[0];
        notes.Release();
        bend.Release();

        float[] expected = Render(Reference(),
            EngineEvent.NoteOn(100, 64, 0.5f, 1),
            EngineEvent.PitchBend(150, (12288 - 8192) / 8192f, 1),
            EngineEvent.NoteOff(200, 64, 0f, 1));
        Assert.Equal(expected, output);
        Assert.All(output[..100], s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Sixty_four_bit_processing_matches_thirty_two()
    {
        float[] Run(int sampleSize)
        {
            using var plugin = new PluginInstance(PluginKind.Instrument, sampleSize: sampleSize);
            var notes = new FakeEventList().NoteOn(3, 60, 0.9f);
            float[] output = plugin.Process(Block, notes)[1];
            notes.Release();
            return output;
        }
        Assert.Equal(Run(Vst.Sample32), Run(Vst.Sample64));
    }

    [Fact]
    public void Mono_output_is_supported()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument, arrangement: Vst.SpeakerMono);
        var notes = new FakeEventList().NoteOn(0, 60, 0.9f);
        var output = plugin.Process(Block, notes);
        notes.Release();
        Assert.Single(output);
        Assert.Contains(output[0], s => s != 0f);
    }

    [Fact]
    public void Process_context_reaches_the_engine()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var context = new ProcessContext
        {
            State = Vst.ContextPlaying | Vst.ContextTempoValid | Vst.ContextTimeSigValid | Vst.ContextProjectTimeMusicValid | Vst.ContextBarPositionValid,
            SampleRate = 48000, Tempo = 132.5, TimeSigNumerator = 7, TimeSigDenominator = 8,
            ProjectTimeSamples = 96000, ProjectTimeMusic = 4.4, BarPositionMusic = 3.5,
        };
        plugin.Process(64, context: context);
        var transport = ((InstrumentEngine)plugin.Managed.Engine).Synth.Transport;
        Assert.True(transport.IsPlaying);
        Assert.Equal(132.5, transport.Tempo);
        Assert.Equal(7, transport.TimeSignatureNumerator);
        Assert.Equal(8, transport.TimeSignatureDenominator);
        Assert.Equal(96000, transport.ProjectTimeSamples);
        Assert.Equal(4.4, transport.ProjectTimeQuarterNotes);
        Assert.Equal(3.5, transport.BarStartQuarterNotes);
        Assert.True(transport.Flags.HasFlag(HostTransportFlags.TimeSignatureValid));
    }

    [Fact]
    public void Bypassed_instrument_is_silent()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var notes = new FakeEventList().NoteOn(0, 60, 1f);
        var bypass = new FakeParameterChanges().Point(ParameterIds.InstrumentBypass, 0, 1.0);
        var output = plugin.Process(Block, notes, bypass);
        notes.Release();
        bypass.Release();
        Assert.All(output[0], s => Assert.Equal(0f, s));
    }
}
