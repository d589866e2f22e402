using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>
/// Our IEventHandler (slot 0) and ITimerHandler (slot 1), handed to the host's Linux IRunLoop. The host calls
/// them on its UI thread when the X connection has data and when the timer fires. Callbacks catch everything:
/// an editor failure must never reach the host's event loop.
/// </summary>
internal sealed unsafe class RunLoopClient : ComObject
{
    private static readonly IntPtr EventVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, int, void>)&OnFdIsSet));

    private static readonly IntPtr TimerVtable = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, void>)&OnTimer));

    private Action? _onEvents;
    private Action? _onTimer;

    public RunLoopClient(Action onEvents, Action onTimer)
        : base([EventVtable, TimerVtable], [(Iids.EventHandler, 0), (Iids.TimerHandler, 1)])
    {
        _onEvents = onEvents;
        _onTimer = onTimer;
    }

    public IntPtr EventHandler => Slot(0);
    public IntPtr TimerHandler => Slot(1);

    /// <summary>After this, late calls from a host that still holds us do nothing.</summary>
    public void Detach()
    {
        _onEvents = null;
        _onTimer = null;
    }

    [UnmanagedCallersOnly]
    private static void OnFdIsSet(IntPtr self, int fd)
    {
        try { FromSlot<RunLoopClient>(self)._onEvents?.Invoke(); }
        catch (Exception e) { Guard.Record(e); }
    }

    [UnmanagedCallersOnly]
    private static void OnTimer(IntPtr self)
    {
        try { FromSlot<RunLoopClient>(self)._onTimer?.Invoke(); }
        catch (Exception e) { Guard.Record(e); }
    }
}
