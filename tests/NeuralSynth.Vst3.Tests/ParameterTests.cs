using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

public unsafe class ParameterTests
{
    private static ParameterInfo Info(IntPtr controller, int index)
    {
        ParameterInfo info;
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, int, ParameterInfo*, int>)Vtable.Entry(controller, 9))(controller, index, &info));
        return info;
    }

    private static string Text(IntPtr controller, uint id, double normalized)
    {
        char* buffer = stackalloc char[128];
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, uint, double, char*, int>)Vtable.Entry(controller, 10))(controller, id, normalized, buffer));
        return Strings.ReadUtf16(buffer, 128);
    }

    private static int Parse(IntPtr controller, uint id, string text, out double normalized)
    {
        double value = -1;
        int status;
        fixed (char* p = text + "\0")
            status = ((delegate* unmanaged<IntPtr, uint, char*, double*, int>)Vtable.Entry(controller, 11))(controller, id, p, &value);
        normalized = value;
        return status;
    }

    [Theory]
    [InlineData(PluginKind.Instrument)]
    [InlineData(PluginKind.Effect)]
    public void Every_engine_parameter_is_exposed_with_its_stable_id_and_units(PluginKind kind)
    {
        using var plugin = new PluginInstance(kind);
        int count = ((delegate* unmanaged<IntPtr, int>)Vtable.Entry(plugin.Controller, 8))(plugin.Controller);
        var infos = Enumerable.Range(0, count).Select(i => Info(plugin.Controller, i)).ToList();
        var registry = kind == PluginKind.Instrument ? SynthParameters.CreateRegistry() : EffectParameters.CreateRegistry();
        foreach (var spec in registry.All)
        {
            var info = infos.Single(i => i.Id == (uint)spec.Id);
            // Without a model the effect's knobs say they are unused; a model renames them (see EffectTests).
            bool knob = kind == PluginKind.Effect && spec.Id >= EffectParameters.Knob1 && spec.Id < EffectParameters.Knob1 + EffectParameters.KnobCount;
            Assert.Equal(knob ? spec.Name + " (unused)" : spec.Name, Strings.ReadUtf16(info.Title));
            Assert.Equal(spec.Unit, Strings.ReadUtf16(info.Units));
            Assert.Equal(spec.StepCount, info.StepCount);
            Assert.Equal(Vst.RootUnitId, info.UnitId);
        }
        Assert.Single(infos, i => (i.Flags & Vst.ParamIsBypass) != 0);
        Assert.Equal(infos.Count, infos.Select(i => i.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(PluginKind.Instrument)]
    [InlineData(PluginKind.Effect)]
    public void String_conversion_round_trips_for_every_parameter(PluginKind kind)
    {
        using var plugin = new PluginInstance(kind);
        var definition = plugin.Managed.Definition;
        foreach (var parameter in definition.Parameters.Where(p => p.Role != ParameterRole.Status)) // read-only text
        {
            foreach (double normalized in new[] { 0.0, 0.37, 1.0 })
            {
                string text = Text(plugin.Controller, parameter.Id, normalized);
                Assert.False(string.IsNullOrWhiteSpace(text));
                Assert.Equal(TResult.Ok, Parse(plugin.Controller, parameter.Id, text, out double parsed));
                // Text has limited digits: the parsed value must print the same.
                Assert.Equal(text, Text(plugin.Controller, parameter.Id, parsed));
            }
        }
        Assert.Equal(TResult.False, Parse(plugin.Controller, definition.Parameters[0].Id, "not a number", out _));
    }

    [Fact]
    public void Known_texts_and_plain_conversions()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        IntPtr c = plugin.Controller;
        Assert.Equal("-60.0 dB", Text(c, SynthParameters.MasterGain, 0));
        Assert.Equal("Mono", Text(c, SynthParameters.Mode, 0.5));
        Assert.Equal(TResult.Ok, Parse(c, SynthParameters.Mode, "Legato", out double legato));
        Assert.Equal(1.0, legato);
        Assert.Equal(TResult.Ok, Parse(c, SynthParameters.Brightness, "1000 Hz", out double n));
        double plain = ((delegate* unmanaged<IntPtr, uint, double, double>)Vtable.Entry(c, 12))(c, SynthParameters.Brightness, n);
        Assert.Equal(1000, plain, 2);
        double back = ((delegate* unmanaged<IntPtr, uint, double, double>)Vtable.Entry(c, 13))(c, SynthParameters.Brightness, plain);
        Assert.Equal(n, back, 5);
        Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, uint, double, int>)Vtable.Entry(c, 15))(c, SynthParameters.Brightness, 0.25));
        Assert.Equal(0.25, plugin.GetParamNormalized(SynthParameters.Brightness));
    }

    [Fact]
    public void Midi_controllers_map_to_hidden_parameters()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        IntPtr midi = Vtable.Require(plugin.Controller, Iids.MidiMapping);
        try
        {
            foreach (int cc in new[] { 1, 7, 11, 64, 123, Vst.CtrlPitchBend, Vst.CtrlAfterTouch })
            {
                uint id;
                Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, int, short, short, uint*, int>)Vtable.Entry(midi, 3))(midi, 0, 3, (short)cc, &id));
                int index = plugin.Managed.Definition.IndexOf(id);
                var info = Info(plugin.Controller, index);
                Assert.NotEqual(0, info.Flags & Vst.ParamIsHidden);
            }
            uint unused;
            Assert.Equal(TResult.False, ((delegate* unmanaged<IntPtr, int, short, short, uint*, int>)Vtable.Entry(midi, 3))(midi, 0, 0, 74, &unused));
        }
        finally
        {
            Vtable.Release(midi);
        }
    }

    [Fact]
    public void Single_root_unit()
    {
        using var plugin = new PluginInstance(PluginKind.Effect);
        IntPtr units = Vtable.Require(plugin.Controller, Iids.UnitInfo);
        try
        {
            Assert.Equal(1, ((delegate* unmanaged<IntPtr, int>)Vtable.Entry(units, 3))(units));
            UnitInfo info;
            Assert.Equal(TResult.Ok, ((delegate* unmanaged<IntPtr, int, UnitInfo*, int>)Vtable.Entry(units, 4))(units, 0, &info));
            Assert.Equal(Vst.RootUnitId, info.Id);
            Assert.Equal(Vst.NoParentUnitId, info.ParentUnitId);
        }
        finally
        {
            Vtable.Release(units);
        }
    }
}
