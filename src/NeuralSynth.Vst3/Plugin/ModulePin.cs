using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Keeps this library mapped until the process exits. A NativeAOT library carries a whole .NET runtime
/// (GC and finalizer threads, signal handlers) that cannot be shut down; if a host's dlclose unmapped it,
/// those threads and handlers would point into freed memory and the next fault or load would crash, and every
/// reload would start another runtime. Pinned, a host's unload/reload cycle reuses the one runtime.
/// </summary>
internal static unsafe partial class ModulePin
{
    private const int RtldNow = 0x2;
    private const int RtldNoLoadLinux = 0x4, RtldNoDeleteLinux = 0x1000;
    private const int RtldNoLoadMac = 0x10, RtldNoDeleteMac = 0x80;
    private const uint GetModuleHandleExPin = 0x1, GetModuleHandleExFromAddress = 0x4;
    private static int _pinned;

    public static bool IsPinned => Volatile.Read(ref _pinned) == 1;

    public static void Pin()
    {
        if (Interlocked.Exchange(ref _pinned, 1) == 1) return;
        try
        {
            if (OperatingSystem.IsWindows())
            {
                IntPtr address = (IntPtr)(delegate* unmanaged<IntPtr>)&Exports.GetPluginFactory;
                GetModuleHandleExW(GetModuleHandleExPin | GetModuleHandleExFromAddress, address, out _);
                return;
            }
            string? path = ModulePath.Locate();
            if (path == null) return;
            // RTLD_NOLOAD: only re-flag the already loaded library (no extra reference), adding RTLD_NODELETE.
            int flags = OperatingSystem.IsMacOS() ? RtldNow | RtldNoLoadMac | RtldNoDeleteMac : RtldNow | RtldNoLoadLinux | RtldNoDeleteLinux;
            string library = OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : "libc.so.6";
            if (!NativeLibrary.TryLoad(library, out IntPtr libc) || !NativeLibrary.TryGetExport(libc, "dlopen", out IntPtr dlopen)) return;
            IntPtr name = Marshal.StringToCoTaskMemUTF8(path);
            try
            {
                ((delegate* unmanaged<IntPtr, int, IntPtr>)dlopen)(name, flags);
            }
            finally
            {
                Marshal.FreeCoTaskMem(name);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            Com.Guard.Record(e);
        }
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetModuleHandleExW(uint flags, IntPtr address, out IntPtr module);
}
