using System.Runtime.InteropServices;
using NeuralSynth.Engine.Security;
using Xunit;

namespace NeuralSynth.Engine.Tests.Security;

public sealed unsafe class NoTelemetryTests
{
    /// <summary>Loading the engine assembly put ORT_DISABLE_TELEMETRY=1 into the native environment ONNX Runtime reads.</summary>
    [NotOnWindowsFact("Windows: ONNX Runtime reports through ETW there, it has no uploader to disable")]
    public void Onnx_runtime_telemetry_is_disabled_in_the_native_environment()
    {
        _ = typeof(InvalidInputException).Assembly; // the module initializer has run once the assembly is loaded
        string library = OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.B.dylib" : "libc.so.6";
        Assert.True(NativeLibrary.TryLoad(library, out IntPtr libc));
        Assert.True(NativeLibrary.TryGetExport(libc, "getenv", out IntPtr getenv));
        byte* value;
        fixed (byte* name = "ORT_DISABLE_TELEMETRY\0"u8) value = ((delegate* unmanaged<byte*, byte*>)getenv)(name);
        Assert.True(value != null, $"{NoTelemetry.Variable} is not set");
        string? text = Marshal.PtrToStringUTF8((IntPtr)value);
        // A user's own setting is kept; by default it is ours.
        if (Environment.GetEnvironmentVariable(NoTelemetry.Variable) is null) Assert.Equal("1", text);
    }
}
