using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Host;

/// <summary>IPlugFrame (the host side of a view): resizeView.</summary>
internal static unsafe class PlugFrame
{
    public static int ResizeView(IntPtr frame, IntPtr view, ViewRect rect) =>
        ((delegate* unmanaged<IntPtr, IntPtr, ViewRect*, int>)Unknown.Vtable(frame)[3])(frame, view, &rect);
}

/// <summary>
/// Steinberg::Linux::IRunLoop: the host's UI event loop. A view on Linux registers its X connection's file
/// descriptor and its timers here, so every X call happens on the host's UI thread and no thread of ours exists.
/// </summary>
internal static unsafe class RunLoop
{
    public static int RegisterEventHandler(IntPtr loop, IntPtr handler, int fd) =>
        ((delegate* unmanaged<IntPtr, IntPtr, int, int>)Unknown.Vtable(loop)[3])(loop, handler, fd);

    public static int UnregisterEventHandler(IntPtr loop, IntPtr handler) =>
        ((delegate* unmanaged<IntPtr, IntPtr, int>)Unknown.Vtable(loop)[4])(loop, handler);

    public static int RegisterTimer(IntPtr loop, IntPtr handler, ulong milliseconds) =>
        ((delegate* unmanaged<IntPtr, IntPtr, ulong, int>)Unknown.Vtable(loop)[5])(loop, handler, milliseconds);

    public static int UnregisterTimer(IntPtr loop, IntPtr handler) =>
        ((delegate* unmanaged<IntPtr, IntPtr, int>)Unknown.Vtable(loop)[6])(loop, handler);
}
