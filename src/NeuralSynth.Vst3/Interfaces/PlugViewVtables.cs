using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Editor;

namespace NeuralSynth.Vst3.Interfaces;

/// <summary>
/// The editor's vtables: IPlugView and IPlugViewContentScaleSupport, in iplugview.h's method order. Each entry
/// catches everything: a failing editor answers an error code and the host carries on.
/// </summary>
internal static unsafe class PlugViewVtables
{
    public static readonly IntPtr View = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, byte*, int>)&IsPlatformTypeSupported,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, byte*, int>)&Attached,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&Removed,
        (IntPtr)(delegate* unmanaged<IntPtr, float, int>)&OnWheel,
        (IntPtr)(delegate* unmanaged<IntPtr, char, short, short, int>)&OnKeyDown,
        (IntPtr)(delegate* unmanaged<IntPtr, char, short, short, int>)&OnKeyUp,
        (IntPtr)(delegate* unmanaged<IntPtr, ViewRect*, int>)&GetSize,
        (IntPtr)(delegate* unmanaged<IntPtr, ViewRect*, int>)&OnSize,
        (IntPtr)(delegate* unmanaged<IntPtr, byte, int>)&OnFocus,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetFrame,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&CanResize,
        (IntPtr)(delegate* unmanaged<IntPtr, ViewRect*, int>)&CheckSizeConstraint));

    public static readonly IntPtr ContentScale = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, float, int>)&SetContentScaleFactor));

    public static IntPtr[] All => [View, ContentScale];

    public static readonly (Tuid, int)[] Interfaces =
    [
        (Iids.PlugView, PlugView.ViewSlot),
        (Iids.PlugViewContentScaleSupport, PlugView.ScaleSlot),
    ];

    private static PlugView Self(IntPtr self) => ComObject.FromSlot<PlugView>(self);

    [UnmanagedCallersOnly]
    private static int IsPlatformTypeSupported(IntPtr self, byte* type)
    {
        try { return PlugView.IsPlatformTypeSupported(Strings.ReadUtf8(type, 64)) ? TResult.Ok : TResult.False; }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Attached(IntPtr self, IntPtr parent, byte* type)
    {
        try { return Self(self).Attached(parent, Strings.ReadUtf8(type, 64)); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int Removed(IntPtr self)
    {
        try { return Self(self).Removed(); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int OnWheel(IntPtr self, float distance)
    {
        try { return Self(self).OnWheel(distance); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // Keys stay with the host (transport shortcuts): the editor has no text fields yet.
    [UnmanagedCallersOnly]
    private static int OnKeyDown(IntPtr self, char key, short keyCode, short modifiers) => TResult.False;

    [UnmanagedCallersOnly]
    private static int OnKeyUp(IntPtr self, char key, short keyCode, short modifiers) => TResult.False;

    [UnmanagedCallersOnly]
    private static int GetSize(IntPtr self, ViewRect* size)
    {
        try { return Self(self).GetSize(size); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int OnSize(IntPtr self, ViewRect* size)
    {
        try { return Self(self).OnSize(size); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int OnFocus(IntPtr self, byte state) => TResult.Ok;

    [UnmanagedCallersOnly]
    private static int SetFrame(IntPtr self, IntPtr frame)
    {
        try { return Self(self).SetFrame(frame); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CanResize(IntPtr self) => TResult.Ok;

    [UnmanagedCallersOnly]
    private static int CheckSizeConstraint(IntPtr self, ViewRect* rect)
    {
        try { return Self(self).CheckSizeConstraint(rect); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int SetContentScaleFactor(IntPtr self, float factor)
    {
        try { return Self(self).SetContentScaleFactor(factor); }
        catch (Exception e) { return Guard.Fail(e); }
    }
}
