using NeuralSynth.Engine.Effects;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public class EffectTests
{
    private static float[] Sine(int frames) => Enumerable.Range(0, frames).Select(i => 0.25f * MathF.Sin(i * 0.05f)).ToArray();

    [Theory]
    [InlineData(Vst.SpeakerMono)]
    [InlineData(Vst.SpeakerStereo)]
    public void Without_a_model_the_effect_passes_audio_through(ulong arrangement)
    {
        using var plugin = new PluginInstance(PluginKind.Effect, arrangement: arrangement);
        float[] input = Sine(256);
        var output = plugin.Process(256, input: input);
        foreach (var channel in output)
            for (int i = 0; i < input.Length; i++) Assert.Equal(input[i], channel[i], 1e-6); // exp(0 dB) gains round
    }

    [Fact]
    public void Model_parameter_loads_off_the_audio_thread_and_is_saved_by_reference()
    {
        using var plugin = new PluginInstance(PluginKind.Effect);
        var definition = plugin.Managed.Definition;
        int lstm = definition.ModelIndex("nam/lstm.nam");
        Assert.True(lstm > 0, "the bundle's models/nam must list lstm.nam");
        var spec = definition.Parameters[definition.ModelParameterIndex].Spec;

        var change = new FakeParameterChanges().Point(ParameterIds.Model, 0, spec.ToNormalized(lstm));
        plugin.Process(128, input: Sine(128), changes: change);
        change.Release();
        Assert.True(plugin.Managed.Models!.WaitUntilLoaded(TimeSpan.FromSeconds(20)));
        Assert.Null(plugin.Managed.Models.LastError);
        Assert.Equal(lstm, plugin.Managed.Models.LoadedIndex);

        // The chain adopts the model at the next block and the output is no longer the dry input.
        float[] input = Sine(512);
        float[] wet = plugin.Process(512, input: input)[0];
        Assert.Contains(Enumerable.Range(0, 512), i => Math.Abs(wet[i] - input[i]) > 1e-4);
        Assert.NotNull(((EffectEngine)plugin.Managed.Engine).Chain.Model);

        byte[] state = plugin.GetState();
        using var restored = new PluginInstance(PluginKind.Effect);
        Assert.Equal(TResult.Ok, restored.SetState(state));
        Assert.Equal(lstm, restored.Managed.Models!.LoadedIndex); // state restores load synchronously
        Assert.Equal(state, restored.GetState());
    }

    [Fact]
    public void Latency_change_restarts_the_host()
    {
        // At 44.1 kHz the 48 kHz model runs inside resamplers, which add latency.
        using var plugin = new PluginInstance(PluginKind.Effect, sampleRate: 44100);
        var definition = plugin.Managed.Definition;
        int model = definition.ModelIndex("nam/lstm.nam");
        var state = PluginState.Defaults(definition) with
        {
            Models = new Dictionary<string, SavedModel> { ["fx.model"] = new("nam/lstm.nam", "") },
        };
        state.Values[definition.ModelParameterIndex] = model;
        Assert.Equal(TResult.Ok, plugin.SetState(StateChunk.Write(definition, state)));
        Assert.True(plugin.LatencySamples > 0);
        Assert.Contains(plugin.Handler.Restarts, flags => (flags & Vst.RestartLatencyChanged) != 0);
    }

    [Fact]
    public void Effect_bypass_is_the_engine_parameter()
    {
        using var plugin = new PluginInstance(PluginKind.Effect);
        var bypass = plugin.Managed.Definition.Parameters.Single(p => p.IsBypass);
        Assert.Equal((uint)EffectParameters.Bypass, bypass.Id);
        Assert.Equal(ParameterRole.Engine, bypass.Role);
    }
}
