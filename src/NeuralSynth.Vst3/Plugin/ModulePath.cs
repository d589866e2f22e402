using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The file this code was loaded from. A NativeAOT library's AppContext.BaseDirectory is the host
/// executable's folder, so the bundle is found by asking the loader which file contains one of our functions.
/// </summary>
internal static unsafe partial class ModulePath
{
    [StructLayout(LayoutKind.Sequential)]
    private struct DlInfo
    {
        public IntPtr FileName;
        public IntPtr Base;
        public IntPtr SymbolName;
        public IntPtr SymbolAddress;
    }

    public static string? Locate()
    {
        IntPtr address = (IntPtr)(delegate* unmanaged<IntPtr>)&Exports.GetPluginFactory;
        try
        {
            return OperatingSystem.IsWindows() ? LocateWindows(address) : LocateUnix(address);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? LocateUnix(IntPtr address)
    {
        string library = OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : "libc.so.6";
        if (!NativeLibrary.TryLoad(library, out IntPtr handle) || !NativeLibrary.TryGetExport(handle, "dladdr", out IntPtr dladdr))
            return null;
        DlInfo info;
        if (((delegate* unmanaged<IntPtr, DlInfo*, int>)dladdr)(address, &info) == 0 || info.FileName == IntPtr.Zero) return null;
        string? path = Marshal.PtrToStringUTF8(info.FileName);
        return string.IsNullOrEmpty(path) ? null : Path.GetFullPath(path);
    }

    private static string? LocateWindows(IntPtr address)
    {
        const uint fromAddress = 0x4, unchangedRefCount = 0x2;
        if (!GetModuleHandleExW(fromAddress | unchangedRefCount, address, out IntPtr module)) return null;
        var buffer = new char[32768];
        fixed (char* p = buffer)
        {
            uint length = GetModuleFileNameW(module, p, (uint)buffer.Length);
            return length == 0 ? null : new string(p, 0, (int)length);
        }
    }

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetModuleHandleExW(uint flags, IntPtr address, out IntPtr module);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    private static partial uint GetModuleFileNameW(IntPtr module, char* fileName, uint size);
}
