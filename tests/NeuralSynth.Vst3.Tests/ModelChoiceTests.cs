using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

/// <summary>The plug-ins' model parameters (Effect Model, Sound Source), programs, and what the state keeps of them.</summary>
public sealed class ModelChoiceTests
{
    private static Controller ManagedController(PluginInstance plugin) => Com.ComObject.FromSlot<Controller>(plugin.Controller);

    [Fact]
    public void Effect_model_lists_every_kind_and_the_knobs_take_the_models_names()
    {
        using var plugin = new PluginInstance(PluginKind.Effect);
        var definition = plugin.Managed.Definition;
        var spec = definition.Parameters[definition.ModelParameterIndex].Spec;
        Assert.Equal("Effect Model", spec.Name);
        foreach (string name in new[] { "None", "NAM: dumble", "Capture: overdrive", "ONNX: overdrive", "RAVE: fluid-small", "DDSP Transfer: violin" })
            Assert.Contains(name, spec.ValueNames!);

        var controller = ManagedController(plugin);
        var knob1 = definition.Parameters[definition.IndexOf((uint)EffectParameters.Knob(0))];
        var knob3 = definition.Parameters[definition.IndexOf((uint)EffectParameters.Knob(2))];
        Assert.Equal("Knob 1 (unused)", controller.Title(knob1));

        int overdrive = definition.ModelIndex("fx/overdrive/model.json");
        var change = new FakeParameterChanges().Point(ParameterIds.Model, 0, spec.ToNormalized(overdrive));
        plugin.Process(128, input: new float[128], changes: change);
        change.Release();
        Assert.True(plugin.Managed.Models!.WaitUntilLoaded(TimeSpan.FromSeconds(20)));
        Assert.True(SpinWait.SpinUntil(() => plugin.Handler.Restarts.Any(f => (f & Vst.RestartParamTitlesChanged) != 0), TimeSpan.FromSeconds(5)),
            "the host is told to re-read the titles");
        Assert.Equal("Drive", controller.Title(knob1));
        Assert.Equal("Knob 3 (unused)", controller.Title(knob3));
    }

    [Fact]
    public void Sound_source_and_factory_programs_are_parameters_the_host_can_switch()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var definition = plugin.Managed.Definition;
        var source = definition.Parameters[definition.SoundSourceParameterIndex].Spec;
        Assert.Equal("Sound Source", source.Name);
        Assert.Equal(["Additive", "DDSP Cello", "DDSP Clarinet", "DDSP Flute", "DDSP Trumpet", "DDSP Violin", "DDSP Voice"], source.ValueNames);

        var controller = ManagedController(plugin);
        Assert.Equal(1, controller.ProgramListCount);
        var names = definition.Programs.Select(p => p.Name).ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "presets"), "*.json").Length, names.Count);
        Assert.Equal("Default", names[0]);
        int violin = names.IndexOf("Violin (DDSP)");
        Assert.True(violin > 0);
        var program = definition.Parameters[definition.ProgramParameterIndex];
        Assert.True((program.Flags & Vst.ParamIsProgramChange) != 0);

        // The host switches program through the process call: the violin preset brings its decoder along.
        var change = new FakeParameterChanges().Point(ParameterIds.Program, 0, program.Spec.ToNormalized(violin));
        plugin.Process(128, changes: change);
        change.Release();
        var slot = plugin.Managed.SlotFor(ParameterIds.SoundSource)!;
        Assert.True(slot.WaitUntilLoaded(TimeSpan.FromSeconds(30)));
        Assert.Equal(source.ValueNames!.ToList().IndexOf("DDSP Violin"), slot.LoadedIndex);
        plugin.Process(128);
        Assert.NotNull(((InstrumentEngine)plugin.Managed.Engine).Synth.TimbreSource);
        int mode = definition.IndexOf("voice.mode");
        Assert.Equal(definition.Programs[violin].Values[mode], plugin.Managed.PlainValue(mode));

        // The choice is saved by reference and restored.
        byte[] state = plugin.GetState();
        using var restored = new PluginInstance(PluginKind.Instrument);
        Assert.Equal(TResult.Ok, restored.SetState(state));
        Assert.Equal(slot.LoadedIndex, restored.Managed.SlotFor(ParameterIds.SoundSource)!.LoadedIndex);
    }

    [Fact]
    public void A_change_made_through_the_controller_is_in_the_state_saved_right_after()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var definition = plugin.Managed.Definition;
        var controller = ManagedController(plugin);
        int index = definition.IndexOf((uint)SynthParameters.Attack);
        var spec = definition.Parameters[index].Spec;
        Assert.Equal(TResult.Ok, controller.SetParamNormalized((uint)SynthParameters.Attack, 0.8));

        // No process call in between, as when a user turns a knob and saves at once.
        byte[] state = plugin.GetState();
        Assert.True(StateChunk.TryParse(state, definition, PluginState.Defaults(definition), out var parsed, out _));
        Assert.Equal(spec.ToPlain(0.8), parsed!.Values[index]);
    }

    [Fact]
    public void A_missing_model_keeps_the_rest_of_the_session_and_says_so()
    {
        var definition = PluginDefinition.For(PluginKind.Effect);
        var state = PluginState.Defaults(definition) with
        {
            Models = new Dictionary<string, SavedModel> { ["fx.model"] = new("nam/gone.nam", new string('a', 64)) },
        };
        int output = definition.IndexOf((uint)EffectParameters.OutputGain);
        state.Values[output] = -6f;
        using var plugin = new PluginInstance(PluginKind.Effect);
        Assert.Equal(TResult.Ok, plugin.SetState(StateChunk.Write(definition, state)));
        Assert.Equal(-6f, plugin.Managed.PlainValue(output));
        Assert.Equal(0, plugin.Managed.Models!.LoadedIndex);
        Assert.Contains("nam/gone.nam", plugin.Managed.StatusText);
        var status = definition.Parameters[definition.StatusParameterIndex];
        Assert.True((status.Flags & Vst.ParamIsReadOnly) != 0);
        Assert.Contains("nam/gone.nam", ReadStatus(plugin));

        // A model that is there but changed since the session was saved is loaded, and reported.
        var changed = state with { Models = new Dictionary<string, SavedModel> { ["fx.model"] = new("nam/lstm.nam", new string('b', 64)) } };
        using var second = new PluginInstance(PluginKind.Effect);
        Assert.Equal(TResult.Ok, second.SetState(StateChunk.Write(definition, changed)));
        Assert.Equal(definition.ModelIndex("nam/lstm.nam"), second.Managed.Models!.LoadedIndex);
        Assert.Contains("changed since the session was saved", second.Managed.StatusText);
    }

    /// <summary>
    /// A state restored with a model loads it during setState, but tells the host (restartComponent: latency, titles)
    /// only after setState returned, from the loader's thread: Ardour 7 holds a lock during setState that its
    /// restartComponent takes again, and a restart from inside setState deadlocked it reopening such a session.
    /// </summary>
    [Fact]
    public void Restoring_a_model_announces_it_after_set_state_returns_not_inside_it()
    {
        var definition = PluginDefinition.For(PluginKind.Effect);
        var state = PluginState.Defaults(definition) with { Models = new Dictionary<string, SavedModel> { ["fx.model"] = new("nam/lstm.nam", "") } };
        using var plugin = new PluginInstance(PluginKind.Effect);
        Assert.True(SpinWait.SpinUntil(() => !plugin.Handler.Restarts.IsEmpty, TimeSpan.FromSeconds(5)), "activation announced nothing");
        Thread.Sleep(50);
        int before = plugin.Handler.Restarts.Count;

        Assert.Equal(TResult.Ok, plugin.SetState(StateChunk.Write(definition, state)));
        Assert.Equal(definition.ModelIndex("nam/lstm.nam"), plugin.Managed.Models!.LoadedIndex); // loaded during setState
        Assert.True(SpinWait.SpinUntil(() => plugin.Handler.Restarts.Count > before, TimeSpan.FromSeconds(5)), "the restored model was never announced");
        Assert.True((plugin.Handler.Restarts.Last() & Vst.RestartLatencyChanged) != 0);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, plugin.Handler.RestartThreads.Skip(before));
    }

    private static unsafe string ReadStatus(PluginInstance plugin)
    {
        char* text = stackalloc char[128];
        Assert.Equal(TResult.Ok, ManagedController(plugin).GetParamStringByValue(ParameterIds.Status, 1, text));
        return new string(text);
    }
}
