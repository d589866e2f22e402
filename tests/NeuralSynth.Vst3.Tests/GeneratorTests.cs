using NeuralSynth.Generation.Instrument;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests;

/// <summary>The live generator inside the instrument plug-in: its parameters, their state, and a bounce.</summary>
public sealed class GeneratorTests(ITestOutputHelper output)
{
    private const int Block = 512;
    private const double SampleRate = 48000, Tempo = 120;

    [Fact]
    public void Generator_parameters_are_exposed_with_stable_ids()
    {
        var definition = PluginDefinition.For(PluginKind.Instrument);
        var expected = GeneratorParameters.CreateRegistry().All;
        foreach (var spec in expected)
        {
            int index = definition.IndexOf((uint)spec.Id);
            Assert.True(index >= 0, $"parameter {spec.Id} ({spec.Key}) missing");
            var parameter = definition.Parameters[index];
            Assert.Equal(spec.Key, parameter.Spec.Key);
            Assert.Equal(ParameterRole.Engine, parameter.Role);
            Assert.True(parameter.IsPersistent);
        }
        Assert.Equal(0f, definition.DefaultPlain[definition.IndexOf((uint)GeneratorParameters.Enabled)]); // off until asked
        Assert.Empty(PluginDefinition.For(PluginKind.Effect).Parameters.Where(p => p.Id is >= 60 and <= 66));
    }

    [Fact]
    public void Generator_settings_reach_the_generator_and_survive_a_state_round_trip()
    {
        var definition = PluginDefinition.For(PluginKind.Instrument);
        byte[] state;
        using (var plugin = new PluginInstance(PluginKind.Instrument))
        {
            var changes = new FakeParameterChanges()
                .Point(GeneratorParameters.KeyTonic, 0, Normalized(definition, GeneratorParameters.KeyTonic, 2))   // D
                .Point(GeneratorParameters.KeyMode, 0, 1.0)                                                          // minor
                .Point(GeneratorParameters.Temperature, 0, Normalized(definition, GeneratorParameters.Temperature, 1.2f));
            plugin.Process(Block, changes: changes);
            changes.Release();

            var instrument = ((InstrumentEngine)plugin.Managed.Engine).Instrument;
            Assert.Equal(2f, instrument.GeneratorValues.GetTarget(GeneratorParameters.KeyTonic));
            Assert.Equal(1f, instrument.GeneratorValues.GetTarget(GeneratorParameters.KeyMode));
            // The generator thread turns the values into its settings by itself (no UI-thread call).
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (instrument.Generator.Settings.Key?.Tonic != 2 && DateTime.UtcNow < deadline) Thread.Sleep(5);
            Assert.Equal(2, instrument.Generator.Settings.Key?.Tonic);
            Assert.Equal(Generation.Music.Mode.Minor, instrument.Generator.Settings.Key?.Mode);
            Assert.Equal(1.2f, instrument.Generator.Settings.Temperature, 3);
            state = plugin.GetState();
        }

        using var restored = new PluginInstance(PluginKind.Instrument);
        Assert.Equal(TResult.Ok, restored.SetState(state));
        restored.Process(Block);
        var values = ((InstrumentEngine)restored.Managed.Engine).Instrument.GeneratorValues;
        Assert.Equal(2f, values.GetTarget(GeneratorParameters.KeyTonic));
        Assert.Equal(1f, values.GetTarget(GeneratorParameters.KeyMode));
        Assert.Equal(1.2f, values.GetTarget(GeneratorParameters.Temperature), 3);
    }

    /// <summary>
    /// A host bouncing offline (ProcessSetup.processMode = kOffline) runs far faster than real time; the plug-in
    /// waits for the composer, so every bar has its notes and none arrives late.
    /// </summary>
    [Fact]
    public void Offline_bounce_has_generated_notes_in_every_bar_and_none_late()
    {
        var definition = PluginDefinition.For(PluginKind.Instrument);
        using var plugin = new PluginInstance(PluginKind.Instrument, SampleRate, Block, processMode: Vst.ProcessModeOffline);
        var instrument = ((InstrumentEngine)plugin.Managed.Engine).Instrument;
        Assert.True(instrument.OfflineRendering);

        const int bars = 4;
        double samplesPerBar = 4 * 60 / Tempo * SampleRate;
        var barEnergy = new double[bars];
        long position = 0;
        for (int block = 0; position < bars * samplesPerBar; block++, position += Block)
        {
            FakeParameterChanges? changes = null;
            if (block == 0)
                changes = new FakeParameterChanges()
                    .Point(GeneratorParameters.Enabled, 0, 1.0)
                    .Point(GeneratorParameters.Density, 0, Normalized(definition, GeneratorParameters.Density, 4));
            var context = new ProcessContext
            {
                State = Vst.ContextPlaying | Vst.ContextTempoValid | Vst.ContextTimeSigValid | Vst.ContextProjectTimeMusicValid,
                SampleRate = SampleRate, Tempo = Tempo, TimeSigNumerator = 4, TimeSigDenominator = 4,
                ProjectTimeSamples = position, ProjectTimeMusic = position / SampleRate * Tempo / 60,
            };
            var audio = plugin.Process(Block, changes: changes, context: context);
            changes?.Release();
            int bar = (int)(position / samplesPerBar);
            foreach (float s in audio[0]) barEnergy[bar] += s * s;
        }

        var generator = instrument.Generator;
        output.WriteLine($"notes sent {generator.NotesSent}, bars composed {generator.BarsGenerated}, late {generator.Scheduler.LateNotesDropped}, " +
                         $"bar energy {string.Join(", ", barEnergy.Select(e => e.ToString("0.0")))}");
        Assert.Null(generator.Fault);
        Assert.True(generator.NotesSent >= 8, $"only {generator.NotesSent} notes composed");
        Assert.Equal(0, generator.Scheduler.LateNotesDropped);
        Assert.All(barEnergy, e => Assert.True(e > 1.0, $"a bar is (nearly) silent: {e}"));
    }

    private static double Normalized(PluginDefinition definition, int id, float plain) =>
        definition.Parameters[definition.IndexOf((uint)id)].Spec.ToNormalized(plain);
}
