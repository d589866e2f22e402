using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Interfaces;

/// <summary>IPluginFactory, IPluginFactory2 and IPluginFactory3 share one vtable (each extends the previous).</summary>
internal static unsafe class FactoryVtable
{
    public static readonly IntPtr Factory = VtableBuilder.Create(VtableBuilder.WithUnknown(
        (IntPtr)(delegate* unmanaged<IntPtr, PFactoryInfo*, int>)&GetFactoryInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, int>)&CountClasses,
        (IntPtr)(delegate* unmanaged<IntPtr, int, PClassInfo*, int>)&GetClassInfo,
        (IntPtr)(delegate* unmanaged<IntPtr, void*, void*, void**, int>)&CreateInstance,
        (IntPtr)(delegate* unmanaged<IntPtr, int, PClassInfo2*, int>)&GetClassInfo2,
        (IntPtr)(delegate* unmanaged<IntPtr, int, PClassInfoW*, int>)&GetClassInfoUnicode,
        (IntPtr)(delegate* unmanaged<IntPtr, IntPtr, int>)&SetHostContext));

    public static readonly (Tuid, int)[] InterfaceMap =
    [
        (Iids.PluginFactory, 0),
        (Iids.PluginFactory2, 0),
        (Iids.PluginFactory3, 0),
    ];

    [UnmanagedCallersOnly]
    private static int GetFactoryInfo(IntPtr self, PFactoryInfo* info)
    {
        try { return PluginFactory.GetFactoryInfo(info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CountClasses(IntPtr self) => PluginFactory.CountClasses;

    [UnmanagedCallersOnly]
    private static int GetClassInfo(IntPtr self, int index, PClassInfo* info)
    {
        try { return PluginFactory.GetClassInfo(index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int CreateInstance(IntPtr self, void* cid, void* iid, void** result)
    {
        try { return PluginFactory.CreateInstance(cid, iid, result); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetClassInfo2(IntPtr self, int index, PClassInfo2* info)
    {
        try { return PluginFactory.GetClassInfo2(index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    [UnmanagedCallersOnly]
    private static int GetClassInfoUnicode(IntPtr self, int index, PClassInfoW* info)
    {
        try { return PluginFactory.GetClassInfoUnicode(index, info); }
        catch (Exception e) { return Guard.Fail(e); }
    }

    // Instances get their host context through initialize(); the factory needs none.
    [UnmanagedCallersOnly]
    private static int SetHostContext(IntPtr self, IntPtr context) => TResult.Ok;
}
