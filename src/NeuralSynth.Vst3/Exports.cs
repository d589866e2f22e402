using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3;

/// <summary>
/// The module's C exports. GetPluginFactory is what every host calls; the entry/exit pairs are the
/// platform-specific module hooks (Linux ModuleEntry/ModuleExit, macOS bundleEntry/bundleExit, Windows
/// InitDll/ExitDll). The entry hooks pin the library in memory (<see cref="ModulePin"/>); GetPluginFactory does
/// too, for hosts that skip them. The exit hooks have nothing to undo: the runtime stays for the process.
/// </summary>
public static unsafe class Exports
{
    [UnmanagedCallersOnly(EntryPoint = "GetPluginFactory")]
    public static IntPtr GetPluginFactory()
    {
        try
        {
            ModulePin.Pin();
            BundledNativeLibraries.Register();
            return PluginFactory.Acquire();
        }
        catch (Exception e) { Guard.Record(e); return IntPtr.Zero; }
    }

    [UnmanagedCallersOnly(EntryPoint = "ModuleEntry")]
    public static byte ModuleEntry(IntPtr sharedLibraryHandle)
    {
        try { ModulePin.Pin(); }
        catch (Exception e) { Guard.Record(e); }
        return 1;
    }

    [UnmanagedCallersOnly(EntryPoint = "ModuleExit")]
    public static byte ModuleExit() => 1;

    [UnmanagedCallersOnly(EntryPoint = "bundleEntry")]
    public static byte BundleEntry(IntPtr bundleReference)
    {
        try { ModulePin.Pin(); }
        catch (Exception e) { Guard.Record(e); }
        return 1;
    }

    [UnmanagedCallersOnly(EntryPoint = "bundleExit")]
    public static byte BundleExit() => 1;

    [UnmanagedCallersOnly(EntryPoint = "InitDll")]
    public static byte InitDll()
    {
        try { ModulePin.Pin(); }
        catch (Exception e) { Guard.Record(e); }
        return 1;
    }

    [UnmanagedCallersOnly(EntryPoint = "ExitDll")]
    public static byte ExitDll() => 1;
}
