using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Interfaces;

/// <summary>
/// The controller's vtables (IEditController, IConnectionPoint, IUnitInfo, IMidiMapping) in the SDK's method
/// order. Each entry catches everything: no exception reaches the host.
/// </summary>
internal static unsafe class ControllerVtables
{
    public static readonly IntPtr Edit = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Initialize,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Terminate,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetComponentState,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetState,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&GetState,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&GetParameterCount,
        (IntPtr)(delegate* unmanaged<IntPtr, int, ParameterInfo*, int>)&GetParameterInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double, char*, int>)&GetParamStringByValue,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, char*, double*, int>)&GetParamValueByString,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double, double>)&NormalizedParamToPlain,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double, double>)&PlainParamToNormalized,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double>)&GetParamNormalized,
        (IntPtr)(delegate* unmanaged<IntPtr, uint, double, int>)&SetParamNormalized,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetComponentHandler,
        (IntPtr)(delegate* unmanaged<IntPtr, byte*, IntPtr>)&CreateView));

    public static readonly IntPtr Connection = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Connect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Disconnect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Notify));

    public static readonly IntPtr Units = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&GetUnitCount,
        (IntPtr)(delegate* unmanaged<IntPtr, int, UnitInfo*, int>)&GetUnitInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&GetProgramListCount,
        (IntPtr)(delegate* unmanaged<IntPtr, int, void*, int>)&GetProgramListInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, char*, int>)&GetProgramName,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, byte*, char*, int>)&GetProgramInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, int>)&HasProgramPitchNames,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, short, char*, int>)&GetProgramPitchName,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&GetSelectedUnit,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int>)&SelectUnit,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, int, int, int*, int>)&GetUnitByBus,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, IntPtr, int>)&SetUnitProgramData));

    public static readonly IntPtr Midi = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int, short, short, uint*, int>)&GetMidiControllerAssignment));

    public static IntPtr[] All => [Edit, Connection, Units, Midi];

    public static readonly (Tuid, int)[] EffectInterfaces =
    [
        (Iids.PluginBase, Controller.EditSlot),
        (Iids.EditController, Controller.EditSlot),
        (Iids.ConnectionPoint, Controller.ConnectionSlot),
        (Iids.UnitInfo, Controller.UnitSlot),
    ];

    public static readonly (Tuid, int)[] InstrumentInterfaces = [.. EffectInterfaces, (Iids.MidiMapping, Controller.MidiSlot)];

    private static Controller Self(IntPtr self) => ComObject.FromSlot<Controller>(self);

    [UnmanagedCallersOnly]
    private static int Initialize(IntPtr self, IntPtr context)
    {
        try { return Self(self).Initialize(context); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Terminate(IntPtr self)
    {
        try { return Self(self).Terminate(); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetComponentState(IntPtr self, IntPtr stream)
    {
        try { return Self(self).SetComponentState(stream); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetState(IntPtr self, IntPtr stream) => Controller.SetState(stream);

    [UnmanagedCallersOnly]
    private static int GetState(IntPtr self, IntPtr stream) => Controller.GetState(stream);

    [UnmanagedCallersOnly]
    private static int GetParameterCount(IntPtr self)
    {
        try { return Self(self).ParameterCount; }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetParameterInfo(IntPtr self, int index, ParameterInfo* info)
    {
        try { return Self(self).GetParameterInfo(index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetParamStringByValue(IntPtr self, uint id, double normalized, char* text)
    {
        try { return Self(self).GetParamStringByValue(id, normalized, text); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetParamValueByString(IntPtr self, uint id, char* text, double* normalized)
    {
        try { return Self(self).GetParamValueByString(id, text, normalized); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static double NormalizedParamToPlain(IntPtr self, uint id, double normalized)
    {
        try { return Self(self).NormalizedToPlain(id, normalized); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static double PlainParamToNormalized(IntPtr self, uint id, double plain)
    {
        try { return Self(self).PlainToNormalized(id, plain); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static double GetParamNormalized(IntPtr self, uint id)
    {
        try { return Self(self).GetParamNormalized(id); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int SetParamNormalized(IntPtr self, uint id, double value)
    {
        try { return Self(self).SetParamNormalized(id, value); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetComponentHandler(IntPtr self, IntPtr handler)
    {
        try { return Self(self).SetComponentHandler(handler); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // Our own editor (Editor/PlugView); null for any other view type, and on any failure (the host then shows its generic editor).
    [UnmanagedCallersOnly]
    private static IntPtr CreateView(IntPtr self, byte* name)
    {
        try { return Self(self).CreateView(Strings.ReadUtf8(name, 64)); }
        catch (Exception e) { Guard.Record(e); return IntPtr.Zero; }
    }

    [UnmanagedCallersOnly]
    private static int Connect(IntPtr self, IntPtr other)
    {
        try { return Self(self).Connect(other); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Disconnect(IntPtr self, IntPtr other)
    {
        try { return Self(self).Disconnect(other); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Notify(IntPtr self, IntPtr message)
    {
        try { return Self(self).Notify(message); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetUnitCount(IntPtr self) => 1;

    [UnmanagedCallersOnly]
    private static int GetUnitInfo(IntPtr self, int index, UnitInfo* info)
    {
        try { return Self(self).GetUnitInfo(index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // The instrument's factory presets are one program list on the root unit.
    [UnmanagedCallersOnly]
    private static int GetProgramListCount(IntPtr self)
    {
        try { return Self(self).ProgramListCount; }
        catch (Exception e) { Guard.Fail(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramListInfo(IntPtr self, int index, void* info)
    {
        try { return Self(self).GetProgramListInfo(index, (ProgramListInfo*)info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramName(IntPtr self, int list, int program, char* name)
    {
        try { return Self(self).GetProgramName(list, program, name); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetProgramInfo(IntPtr self, int list, int program, byte* attribute, char* value) => TResult.InvalidArgument;

    [UnmanagedCallersOnly]
    private static int HasProgramPitchNames(IntPtr self, int list, int program) => TResult.False;

    [UnmanagedCallersOnly]
    private static int GetProgramPitchName(IntPtr self, int list, int program, short pitch, char* name) => TResult.False;

    [UnmanagedCallersOnly]
    private static int GetSelectedUnit(IntPtr self) => Vst.RootUnitId;

    [UnmanagedCallersOnly]
    private static int SelectUnit(IntPtr self, int unit) => unit == Vst.RootUnitId ? TResult.Ok : TResult.InvalidArgument;

    [UnmanagedCallersOnly]
    private static int GetUnitByBus(IntPtr self, int mediaType, int direction, int bus, int channel, int* unit)
    {
        if (unit == null) return TResult.InvalidArgument;
        *unit = Vst.RootUnitId;
        return TResult.Ok;
    }

    [UnmanagedCallersOnly]
    private static int SetUnitProgramData(IntPtr self, int listOrUnit, int program, IntPtr data) => TResult.False;

    [UnmanagedCallersOnly]
    private static int GetMidiControllerAssignment(IntPtr self, int busIndex, short channel, short controller, uint* id)
    {
        try { return Self(self).GetMidiControllerAssignment(busIndex, channel, controller, id); }
        catch (Exception e) { return Guard.Fail(e); }
    }
}
