using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Com;

/// <summary>
/// Allocates a vtable (an array of function pointers) in native memory that lives as long as the module:
/// hosts may keep interface pointers until they unload the library, and vtables are shared by all objects.
/// </summary>
internal static unsafe class VtableBuilder
{
    public static IntPtr Create(params IntPtr[] functions)
    {
        var table = (IntPtr*)NativeMemory.Alloc((nuint)(functions.Length * sizeof(IntPtr)));
        for (int i = 0; i < functions.Length; i++) table[i] = functions[i];
        return (IntPtr)table;
    }

    /// <summary>The three FUnknown entries every vtable starts with.</summary>
    public static IntPtr[] WithUnknown(params IntPtr[] functions)
    {
        var all = new IntPtr[3 + functions.Length];
        all[0] = (IntPtr)(delegate* unmanaged<IntPtr, void*, void**, int>)&UnknownThunks.QueryInterface;
        all[1] = (IntPtr)(delegate* unmanaged<IntPtr, uint>)&UnknownThunks.AddRef;
        all[2] = (IntPtr)(delegate* unmanaged<IntPtr, uint>)&UnknownThunks.Release;
        functions.CopyTo(all, 3);
        return all;
    }
}

/// <summary>FUnknown's three methods, shared by every interface slot of every object.</summary>
internal static unsafe class UnknownThunks
{
    [UnmanagedCallersOnly]
    public static int QueryInterface(IntPtr self, void* iid, void** result)
    {
        try { return ComObject.FromSlot<ComObject>(self).QueryInterface(iid, result); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    public static uint AddRef(IntPtr self)
    {
        try { return ComObject.FromSlot<ComObject>(self).AddRef(); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }

    [UnmanagedCallersOnly]
    public static uint Release(IntPtr self)
    {
        try { return ComObject.FromSlot<ComObject>(self).Release(); }
        catch (Exception e) { Guard.Record(e); return 0; }
    }
}
