using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

/// <summary>The factory presets as .vstpreset files (the bundle's Contents/Resources/Presets).</summary>
public sealed class VstPresetTests
{
    private static PluginDefinition Instrument => PluginDefinition.For(PluginKind.Instrument);

    /// <summary>The instrument processor's class id as moduleinfo.json (the SDK's FUID string form) spells it.</summary>
    private static string ModuleInfoProcessorId()
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "src", "NeuralSynth.Vst3", "moduleinfo.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("Classes").EnumerateArray()
            .First(c => c.GetProperty("Category").GetString() == "Audio Module Class" && c.GetProperty("Name").GetString() == "NeuralSynth")
            .GetProperty("CID").GetString()!;
    }

    [Fact]
    public void Every_program_round_trips_and_its_component_state_is_the_programs_values()
    {
        var definition = Instrument;
        Assert.Null(definition.PresetProblem);
        Assert.NotEmpty(definition.Programs);
        foreach (var program in definition.Programs)
        {
            byte[] file = VstPresetFile.WriteProgram(definition, program);
            Assert.True(VstPresetFile.TryRead(file, out var preset, out string? problem), problem);
            Assert.Equal(VstPresetFile.FormatVersion, preset!.Version);
            Assert.Equal(ModuleInfoProcessorId(), preset.ClassId);
            Assert.Equal(["Comp", "Cont", "Info"], preset.Entries.Select(e => e.Id));

            byte[] component = preset.Chunk("Comp")!;
            Assert.True(StateChunk.TryParse(component, definition, PluginState.Defaults(definition), out var state, out problem), problem);
            for (int i = 0; i < definition.Count; i++)
                if (definition.Parameters[i].IsPersistent)
                    Assert.True(program.Values[i] == state!.Values[i], $"{program.Name}: {definition.Parameters[i].Spec.Key} is {state.Values[i]}, not {program.Values[i]}");
            Assert.Empty(state!.Problems);
            Assert.Empty(preset.Chunk("Cont")!);

            string info = Encoding.UTF8.GetString(preset.Chunk("Info")!);
            Assert.Contains("<Attr id=\"MediaType\" value=\"VstPreset\"", info);
            Assert.Contains("<Attr id=\"PlugInName\" value=\"NeuralSynth\"", info);
            Assert.Contains("<Attr id=\"PlugInCategory\" value=\"Instrument|Synth\"", info);
            Assert.Contains($"<Attr id=\"Name\" value=\"{System.Security.SecurityElement.Escape(program.Name)}\"", info);
            Assert.NotNull(System.Xml.Linq.XDocument.Parse(info).Root);
        }
    }

    [Fact]
    public void Layout_is_the_SDKs_byte_for_byte()
    {
        // Offsets from the SDK's layout (vstpresetfile.h), computed by hand here, not by the writer:
        // 0 "VST3", 4 i32 version 1, 8 32 ASCII class id, 40 i64 list offset, 48 data, then "List", i32 count, 20-byte entries.
        var definition = Instrument;
        var program = definition.Programs.First(p => p.Name == "Violin (DDSP)");
        byte[] file = VstPresetFile.WriteProgram(definition, program);
        int comp = StateChunk.Write(definition, VstPresetFile.ProgramState(definition, program.Values)).Length;
        int info = Encoding.UTF8.GetByteCount(VstPresetFile.MetaInfo(program.Name, "NeuralSynth", "Instrument|Synth"));
        long list = 48 + comp + 0 + info;
        Assert.Equal(list + 8 + 3 * 20, file.Length);

        Assert.Equal("VST3"u8.ToArray(), file[0..4]);
        Assert.Equal(new byte[] { 1, 0, 0, 0 }, file[4..8]);
        Assert.Equal(Encoding.ASCII.GetBytes(ModuleInfoProcessorId()), file[8..40]);
        Assert.Equal("6E8A3F214C7B4D199B2E5A703D1C8E42", Encoding.ASCII.GetString(file, 8, 32));
        Assert.Equal(list, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(40)));
        Assert.Equal("NSST"u8.ToArray(), file[48..52]); // the component state starts right after the header

        int l = (int)list;
        Assert.Equal("List"u8.ToArray(), file[l..(l + 4)]);
        Assert.Equal(3, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(l + 4)));
        (string Id, long Offset, long Size)[] expected = [("Comp", 48, comp), ("Cont", 48 + comp, 0), ("Info", 48 + comp, info)];
        for (int i = 0; i < expected.Length; i++)
        {
            int e = l + 8 + 20 * i;
            Assert.Equal(expected[i].Id, Encoding.ASCII.GetString(file, e, 4));
            Assert.Equal(expected[i].Offset, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(e + 4)));
            Assert.Equal(expected[i].Size, BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(e + 12)));
        }
        Assert.Equal("<?xml"u8.ToArray(), file[(48 + comp)..(48 + comp + 5)]);
    }

    [Fact]
    public void A_presets_component_state_loads_into_the_plugin_as_its_program()
    {
        var definition = Instrument;
        var source = definition.Parameters[definition.SoundSourceParameterIndex];
        var programParameter = definition.Parameters[definition.ProgramParameterIndex];
        using var plugin = new PluginInstance(PluginKind.Instrument);
        foreach (var program in definition.Programs)
        {
            Assert.True(VstPresetFile.TryRead(VstPresetFile.WriteProgram(definition, program), out var preset, out string? problem), problem);
            byte[] component = preset!.Chunk("Comp")!;
            // As the SDK's PresetFile::loadPreset does: the component's setState, then the controller's setComponentState.
            Assert.Equal(TResult.Ok, plugin.SetState(component));
            Assert.Equal(TResult.Ok, plugin.SetControllerComponentState(component));
            Assert.Equal(program.Values[definition.SoundSourceParameterIndex], plugin.Managed.PlainValue(definition.SoundSourceParameterIndex));
            Assert.Equal(programParameter.Spec.ToNormalized(program.Values[definition.ProgramParameterIndex]), plugin.GetParamNormalized(ParameterIds.Program), 6);
            Assert.Equal(component, plugin.GetState()); // the plug-in saves back exactly what the preset holds
        }

        var violin = definition.Programs.First(p => p.Name == "Violin (DDSP)");
        VstPresetFile.TryRead(VstPresetFile.WriteProgram(definition, violin), out var violinPreset, out _);
        Assert.Equal(TResult.Ok, plugin.SetState(violinPreset!.Chunk("Comp")!));
        Assert.Equal("DDSP Violin", source.Spec.Format(plugin.Managed.PlainValue(definition.SoundSourceParameterIndex)));
        Assert.Equal(source.Spec.ValueNames!.ToList().IndexOf("DDSP Violin"), plugin.Managed.SlotFor(ParameterIds.SoundSource)!.LoadedIndex);
    }

    [Fact]
    public void Every_program_is_written_to_a_folder_under_its_sanitized_name()
    {
        Assert.Equal("Violin (DDSP).vstpreset", VstPresetFile.FileName("Violin (DDSP)"));
        Assert.Equal("a_b_c_.vstpreset", VstPresetFile.FileName("a/b\\c?. "));
        Assert.Equal("_CON.vstpreset", VstPresetFile.FileName("CON"));

        string folder = Path.Combine(Path.GetTempPath(), "ns-vstpreset-" + Guid.NewGuid().ToString("N"));
        try
        {
            var definition = Instrument;
            var written = VstPresetFile.WriteAll(definition, folder);
            Assert.Equal(definition.Programs.Select(p => VstPresetFile.FileName(p.Name)), written.Select(Path.GetFileName));
            Assert.Contains(Path.Combine(folder, "Violin (DDSP).vstpreset"), written);
            foreach (var (path, program) in written.Zip(definition.Programs))
                Assert.Equal(VstPresetFile.WriteProgram(definition, program), File.ReadAllBytes(path));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Damaged_files_are_refused()
    {
        var definition = Instrument;
        byte[] good = VstPresetFile.WriteProgram(definition, definition.Programs[0]);
        Assert.False(VstPresetFile.TryRead(good[..47], out _, out _));
        byte[] badMagic = (byte[])good.Clone();
        badMagic[0] = (byte)'X';
        Assert.False(VstPresetFile.TryRead(badMagic, out _, out _));
        byte[] badOffset = (byte[])good.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(badOffset.AsSpan(40), good.Length);
        Assert.False(VstPresetFile.TryRead(badOffset, out _, out _));
        Assert.False(VstPresetFile.TryRead(good[..^1], out _, out _)); // the last entry cut short
    }
}
