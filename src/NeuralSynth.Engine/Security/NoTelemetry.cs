using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Security;

/// <summary>
/// ONNX Runtime's official builds (1.2x and later) start a telemetry uploader on Linux and macOS and keep a device
/// id under ~/.cache unless ORT_DISABLE_TELEMETRY=1 is in the process environment before it initializes. A plug-in
/// in someone's studio must not phone home, so every process that loads this assembly (CLI, tests, the VST3 inside
/// a DAW) sets it at load time, before any ONNX session exists. A value the user already set is kept.
/// .NET's Environment.SetEnvironmentVariable only changes a managed copy on Unix, so this calls libc's setenv.
/// </summary>
internal static partial class NoTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

#pragma warning disable CA2255 // a module initializer is the only hook that runs before any caller's ONNX code
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Apply()
    {
        if (OperatingSystem.IsWindows()) return; // ETW there: events are recorded only while a trace session collects
        try
        {
            string library = OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : "libc.so.6";
            if (!NativeLibrary.TryLoad(library, out IntPtr libc) || !NativeLibrary.TryGetExport(libc, "setenv", out IntPtr setenv)) return;
            unsafe
            {
                fixed (byte* name = "ORT_DISABLE_TELEMETRY\0"u8, value = "1\0"u8)
                    ((delegate* unmanaged<byte*, byte*, int, int>)setenv)(name, value, 0);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            // Nothing to do: without libc's setenv the variable cannot be set; ONNX Runtime's own default applies.
        }
    }
}
