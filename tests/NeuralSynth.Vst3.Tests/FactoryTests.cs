using System.Text.Json;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public unsafe class FactoryTests
{
    [Fact]
    public void Factory_describes_instrument_effect_audio_to_midi_and_their_controllers()
    {
        using var factory = new Factory();
        Assert.Equal(6, factory.CountClasses);
        var names = new List<string>();
        var subCategories = new List<string>();
        for (int i = 0; i < factory.CountClasses; i++)
        {
            Assert.Equal(TResult.Ok, factory.GetClassInfo2(i, out var info2));
            Assert.Equal(TResult.Ok, factory.GetClassInfoUnicode(i, out var infoW));
            Assert.Equal(TResult.Ok, factory.GetClassInfo(i, out var info));
            Assert.Equal(info.Cid, info2.Cid);
            Assert.Equal(info.Cid, infoW.Cid);
            names.Add(Strings.ReadUtf16(infoW.Name));
            subCategories.Add(Strings.ReadUtf8(info2.SubCategories)!);
            Assert.StartsWith("VST 3.7", Strings.ReadUtf8(info2.SdkVersion));
            Assert.Equal("NeuralSynth", Strings.ReadUtf16(infoW.Vendor));
        }
        Assert.Equal(["NeuralSynth", "NeuralSynth Controller", "NeuralSynth FX", "NeuralSynth FX Controller",
            "NeuralSynth Audio to MIDI", "NeuralSynth Audio to MIDI Controller"], names);
        Assert.Equal("Instrument|Synth", subCategories[0]);
        Assert.Equal("Fx", subCategories[2]);
        Assert.Equal("Fx|Analyzer", subCategories[4]);
        Assert.Equal(TResult.InvalidArgument, factory.GetClassInfo(6, out _));
    }

    [Fact]
    public void Factory_is_shared_and_refcounted()
    {
        using var a = new Factory();
        using var b = new Factory();
        Assert.Equal(a.Pointer, b.Pointer);
        Assert.Equal(Iids.PluginFactory3, Iids.PluginFactory3);
        Assert.Equal(TResult.Ok, Vtable.Query(a.Pointer, Iids.PluginFactory2, out IntPtr f2));
        Assert.Equal(a.Pointer, f2);
        Vtable.Release(f2);
        Assert.Equal(TResult.NoInterface, Vtable.Query(a.Pointer, Iids.Component, out IntPtr none));
        Assert.Equal(IntPtr.Zero, none);
    }

    [Theory]
    [InlineData(PluginKind.Instrument)]
    [InlineData(PluginKind.Effect)]
    public void Component_and_controller_are_separate_objects(PluginKind kind)
    {
        using var factory = new Factory();
        IntPtr component = factory.Create(ClassIds.Processor(kind), Iids.Component);
        try
        {
            Assert.Equal(TResult.NoInterface, Vtable.Query(component, Iids.EditController, out _));
            foreach (var iid in new[] { Iids.FUnknown, Iids.PluginBase, Iids.AudioProcessor, Iids.ProcessContextRequirements, Iids.ConnectionPoint })
            {
                IntPtr p = Vtable.Require(component, iid);
                Vtable.Release(p);
            }
            Tuid controllerId;
            Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, void*, int>)Vtable.Entry(component, 5))(component, &controllerId));
            Assert.Equal(ClassIds.Controller(kind), controllerId);
        }
        finally
        {
            Assert.Equal(0u, Vtable.Release(component));
        }

        IntPtr controller = factory.Create(ClassIds.Controller(kind), Iids.EditController);
        Assert.Equal(kind == PluginKind.Instrument ? TResult.Ok : TResult.NoInterface, Vtable.Query(controller, Iids.MidiMapping, out IntPtr midi));
        if (midi != IntPtr.Zero) Vtable.Release(midi);
        Vtable.Release(Vtable.Require(controller, Iids.UnitInfo));
        Assert.Equal(0u, Vtable.Release(controller));
    }

    [Fact]
    public void Unknown_class_id_is_refused()
    {
        using var factory = new Factory();
        Assert.Equal(TResult.NoInterface, factory.CreateInstance(Tuid.FromWords(1, 2, 3, 4), Iids.Component, out IntPtr instance));
        Assert.Equal(IntPtr.Zero, instance);
    }

    [Fact]
    public void Tuid_layout_follows_the_platform()
    {
        var com = Tuid.FromWords(0x00112233, 0x44556677, 0x8899AABB, 0xCCDDEEFF, comLayout: true);
        var plain = Tuid.FromWords(0x00112233, 0x44556677, 0x8899AABB, 0xCCDDEEFF, comLayout: false);
        Assert.Equal("3322110055447766" + "8899AABBCCDDEEFF", com.ToString()); // INLINE_UID with COM_COMPATIBLE
        Assert.Equal("0011223344556677" + "8899AABBCCDDEEFF", plain.ToString());
    }

    [Fact]
    public void Moduleinfo_matches_the_factory()
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "src", "NeuralSynth.Vst3", "moduleinfo.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal(ClassCatalog.Version, root.GetProperty("Version").GetString());
        Assert.Equal(ClassCatalog.Vendor, root.GetProperty("Factory Info").GetProperty("Vendor").GetString());
        var classes = root.GetProperty("Classes").EnumerateArray().ToList();
        Assert.Equal(ClassCatalog.Classes.Length, classes.Count);
        for (int i = 0; i < classes.Count; i++)
        {
            var entry = ClassCatalog.Classes[i];
            Assert.Equal(ClassIds.ModuleInfoString(entry.Words), classes[i].GetProperty("CID").GetString());
            Assert.Equal(entry.Name, classes[i].GetProperty("Name").GetString());
            Assert.Equal(entry.Category, classes[i].GetProperty("Category").GetString());
            Assert.Equal(ClassCatalog.SdkVersion, classes[i].GetProperty("SDK Version").GetString());
            Assert.Equal(ClassCatalog.Version, classes[i].GetProperty("Version").GetString());
            var sub = string.Join("|", classes[i].GetProperty("Sub Categories").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(entry.SubCategories, sub);
        }
    }
}
