using System.Buffers.Binary;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public class StateTests
{
    private static byte[] ChangedState(PluginInstance plugin)
    {
        // Change two parameters the way a host does (automation through process), then save.
        var definition = plugin.Managed.Definition;
        var changes = new FakeParameterChanges()
            .Point(SynthParameters.SpectralTilt, 0, 0.25)
            .Point(SynthParameters.Release, 0, 0.8);
        plugin.Process(64, changes: changes);
        changes.Release();
        Assert.Equal(definition.Parameters[definition.IndexOf((uint)SynthParameters.SpectralTilt)].Spec.ToPlain(0.25),
            plugin.Managed.PlainValue(definition.IndexOf((uint)SynthParameters.SpectralTilt)));
        return plugin.GetState();
    }

    [Fact]
    public void State_round_trips_through_a_new_instance()
    {
        byte[] saved;
        using (var first = new PluginInstance(PluginKind.Instrument)) saved = ChangedState(first);

        using var second = new PluginInstance(PluginKind.Instrument);
        Assert.NotEqual(saved, second.GetState());
        Assert.Equal(TResult.Ok, second.SetState(saved, maxChunk: 5)); // short reads must be handled
        Assert.Equal(saved, second.GetState());
        Assert.Equal(TResult.Ok, second.SetControllerComponentState(saved));
        var spec = second.Managed.Definition.Parameters[second.Managed.Definition.IndexOf((uint)SynthParameters.SpectralTilt)].Spec;
        Assert.Equal(spec.ToNormalized(spec.ToPlain(0.25)), second.GetParamNormalized(SynthParameters.SpectralTilt), 6);
    }

    [Fact]
    public void Default_state_is_the_default_preset()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        var definition = plugin.Managed.Definition;
        Assert.Null(definition.PresetProblem);
        // presets/default.json sets timbre.tilt to -7 (the engine default is -6).
        Assert.Equal(-7f, plugin.Managed.PlainValue(definition.IndexOf("timbre.tilt")));
    }

    [Fact]
    public void Random_and_truncated_chunks_are_refused_and_state_is_kept()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        byte[] good = ChangedState(plugin);
        var random = new Random(1234);
        for (int i = 0; i < 100; i++)
        {
            byte[] blob;
            switch (i % 4)
            {
                case 0: // random bytes
                    blob = new byte[random.Next(0, 600)];
                    random.NextBytes(blob);
                    break;
                case 1: // truncated
                    blob = good[..random.Next(0, good.Length)];
                    break;
                case 2: // one flipped bit anywhere
                    blob = (byte[])good.Clone();
                    int bit = random.Next(blob.Length * 8);
                    blob[bit / 8] ^= (byte)(1 << (bit % 8));
                    break;
                default: // valid header, random body
                    blob = (byte[])good.Clone();
                    random.NextBytes(blob.AsSpan(StateChunk.HeaderSize));
                    break;
            }
            Assert.Equal(TResult.False, plugin.SetState(blob));
            Assert.Equal(TResult.False, plugin.SetControllerComponentState(blob));
            Assert.Equal(good, plugin.GetState());
        }
        // Still alive and still processing.
        Assert.Equal(2, plugin.Process(128).Length);
    }

    [Fact]
    public void Future_version_is_refused()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        byte[] good = plugin.GetState();
        byte[] future = (byte[])good.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(future.AsSpan(4), StateChunk.Version + 1);
        // Re-seal the CRC so only the version is wrong.
        BinaryPrimitives.WriteUInt32LittleEndian(future.AsSpan(future.Length - 4), Crc32.Compute(future.AsSpan(0, future.Length - 4)));
        Assert.Equal(TResult.False, plugin.SetState(future));
        Assert.Contains("newer", plugin.Managed.LastStateProblem);
        Assert.Equal(good, plugin.GetState());
    }

    [Fact]
    public void Effect_state_is_refused_by_the_instrument()
    {
        byte[] effectState;
        using (var fx = new PluginInstance(PluginKind.Effect)) effectState = fx.GetState();
        using var synth = new PluginInstance(PluginKind.Instrument);
        Assert.Equal(TResult.False, synth.SetState(effectState));
    }

    [Fact]
    public void Chunk_refuses_path_escapes_in_model_reference()
    {
        var definition = PluginDefinition.For(PluginKind.Effect);
        var state = PluginState.Defaults(definition) with
        {
            Models = new Dictionary<string, SavedModel> { ["fx.model"] = new("../../etc/passwd", "") },
        };
        byte[] chunk = StateChunk.Write(definition, state);
        Assert.False(StateChunk.TryParse(chunk, definition, PluginState.Defaults(definition), out _, out string? problem));
        Assert.Contains("model reference", problem);
    }

    /// <summary>
    /// A session saved when the program list was different: its Program value points at another preset now, but the
    /// chunk names the preset file, and that wins. (Six DDSP instruments re-sorted the list: "Violin" moved.)
    /// </summary>
    [Fact]
    public void The_program_is_restored_by_its_preset_file_when_the_list_moved()
    {
        var definition = PluginDefinition.For(PluginKind.Instrument);
        int violin = definition.Programs.ToList().FindIndex(p => Path.GetFileName(p.Path) == "violin.json");
        Assert.True(violin > 0, "presets/violin.json is a factory program");
        int programIndex = definition.ProgramParameterIndex;
        string programKey = definition.Parameters[programIndex].Spec.Key;

        // Saved by this version: the chosen program is named, and reads back as itself.
        var chosen = PluginState.Defaults(definition);
        chosen.Values[programIndex] = violin;
        Assert.True(StateChunk.TryParse(StateChunk.Write(definition, chosen), definition, PluginState.Defaults(definition), out var back, out string? problem), problem);
        Assert.Equal(violin, back!.Values[programIndex]);
        Assert.Equal("violin.json", back.Models[programKey].Reference);

        // A stale number beside the name (the list moved since): the name wins.
        var stale = PluginState.Defaults(definition) with
        {
            Models = new Dictionary<string, SavedModel> { [programKey] = new("violin.json", "") },
        };
        stale.Values[programIndex] = 0;
        Assert.True(StateChunk.TryParse(StateChunk.Write(definition, stale), definition, PluginState.Defaults(definition), out var restored, out problem), problem);
        Assert.Equal(violin, restored!.Values[programIndex]);

        // A preset that is no longer shipped keeps the saved number.
        var gone = stale with { Models = new Dictionary<string, SavedModel> { [programKey] = new("retired.json", "") } };
        gone.Values[programIndex] = 2;
        Assert.True(StateChunk.TryParse(StateChunk.Write(definition, gone), definition, PluginState.Defaults(definition), out var kept, out problem), problem);
        Assert.Equal(2, kept!.Values[programIndex]);
    }
}
