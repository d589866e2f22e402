using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Interfaces;

/// <summary>
/// The component's four vtables (IComponent, IAudioProcessor, IProcessContextRequirements, IConnectionPoint),
/// in the SDK's method order. Each entry catches everything: no exception reaches the host.
/// </summary>
internal static unsafe class ComponentVtables
{
    public static readonly IntPtr Component = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Initialize,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Terminate,
        (IntPtr)(delegate* unmanaged<IntPtr, void*, int>)&GetControllerClassId,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int>)&SetIoMode,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, int>)&GetBusCount,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, int, BusInfo*, int>)&GetBusInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, RoutingInfo*, RoutingInfo*, int>)&GetRoutingInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, int, byte, int>)&ActivateBus,
        (IntPtr)(delegate* unmanaged<IntPtr, byte, int>)&SetActive,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetState,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&GetState));

    public static readonly IntPtr Processor = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, ulong*, int, ulong*, int, int>)&SetBusArrangements,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int, ulong*, int>)&GetBusArrangement,
        (IntPtr)(delegate* unmanaged<IntPtr, int, int>)&CanProcessSampleSize,
        (IntPtr)(delegate* unmanaged<IntPtr, uint>)&GetLatencySamples,
        (IntPtr)(delegate* unmanaged<IntPtr, ProcessSetup*, int>)&SetupProcessing,
        (IntPtr)(delegate* unmanaged<IntPtr, byte, int>)&SetProcessing,
        (IntPtr)(delegate* unmanaged<IntPtr, ProcessData*, int>)&Process,
        (IntPtr)(delegate* unmanaged<IntPtr, uint>)&GetTailSamples));

    public static readonly IntPtr ContextRequirements = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, uint>)&GetProcessContextRequirements));

    public static readonly IntPtr Connection = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Connect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Disconnect,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&Notify));

    public static readonly IntPtr Midi = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int, short, short, uint*, int>)&GetMidiControllerAssignment));

    public static IntPtr[] All => [Component, Processor, ContextRequirements, Connection, Midi];

    public static readonly (Tuid, int)[] EffectInterfaces =
    [
        (Iids.PluginBase, Plugin.Component.ComponentSlot),
        (Iids.Component, Plugin.Component.ComponentSlot),
        (Iids.AudioProcessor, Plugin.Component.ProcessorSlot),
        (Iids.ProcessContextRequirements, Plugin.Component.ContextSlot),
        (Iids.ConnectionPoint, Plugin.Component.ConnectionSlot),
    ];

    public static readonly (Tuid, int)[] InstrumentInterfaces = [.. EffectInterfaces, (Iids.MidiMapping, Plugin.Component.MidiSlot)];

    private static Plugin.Component Self(IntPtr self) => ComObject.FromSlot<Plugin.Component>(self);

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
    private static int GetControllerClassId(IntPtr self, void* classId)
    {
        try { return Self(self).GetControllerClassId(classId); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // Only the default (simple) I/O mode exists in this plug-in; any mode is acceptable.
    [UnmanagedCallersOnly]
    private static int SetIoMode(IntPtr self, int mode) => TResult.Ok;

    [UnmanagedCallersOnly]
    private static int GetBusCount(IntPtr self, int mediaType, int direction)
    {
        try { return Self(self).GetBusCount(mediaType, direction); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int GetBusInfo(IntPtr self, int mediaType, int direction, int index, BusInfo* info)
    {
        try { return Self(self).GetBusInfo(mediaType, direction, index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // No event-to-audio routing to describe: a single main bus of each kind.
    [UnmanagedCallersOnly]
    private static int GetRoutingInfo(IntPtr self, RoutingInfo* input, RoutingInfo* output) => TResult.NotImplemented;

    [UnmanagedCallersOnly]
    private static int ActivateBus(IntPtr self, int mediaType, int direction, int index, byte state)
    {
        try { return Self(self).ActivateBus(mediaType, direction, index, state != 0); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetActive(IntPtr self, byte state)
    {
        try { return Self(self).SetActive(state != 0); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetState(IntPtr self, IntPtr stream)
    {
        try { return Self(self).SetState(stream); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetState(IntPtr self, IntPtr stream)
    {
        try { return Self(self).GetState(stream); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetBusArrangements(IntPtr self, ulong* inputs, int inputCount, ulong* outputs, int outputCount)
    {
        try { return Self(self).SetBusArrangements(inputs, inputCount, outputs, outputCount); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetBusArrangement(IntPtr self, int direction, int index, ulong* arrangement)
    {
        try { return Self(self).GetBusArrangement(direction, index, arrangement); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CanProcessSampleSize(IntPtr self, int size) => Plugin.Component.CanProcessSampleSize(size);

    [UnmanagedCallersOnly]
    private static uint GetLatencySamples(IntPtr self)
    {
        try { return Self(self).LatencySamples; }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static int SetupProcessing(IntPtr self, ProcessSetup* setup)
    {
        try { return Self(self).SetupProcessing(setup); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetProcessing(IntPtr self, byte state)
    {
        try { return Self(self).SetProcessing(state != 0); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Process(IntPtr self, ProcessData* data)
    {
        try { return Self(self).Process(data); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static uint GetTailSamples(IntPtr self)
    {
        try { return Self(self).TailSamples; }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    private static uint GetProcessContextRequirements(IntPtr self) => Plugin.Component.ProcessContextRequirements;

    [UnmanagedCallersOnly]
    private static int Connect(IntPtr self, IntPtr other)
    {
        try { return Self(self).Link.Connect(other); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Disconnect(IntPtr self, IntPtr other)
    {
        try { return Self(self).Link.Disconnect(other); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetMidiControllerAssignment(IntPtr self, int busIndex, short channel, short controller, uint* id)
    {
        try { return Self(self).GetMidiControllerAssignment(busIndex, channel, controller, id); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // The controller sends the component nothing it needs to act on.
    [UnmanagedCallersOnly]
    private static int Notify(IntPtr self, IntPtr message) => message == IntPtr.Zero ? TResult.InvalidArgument : TResult.False;
}
