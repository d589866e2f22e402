using System.Reflection;
using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Points ONNX Runtime's and SkiaSharp's P/Invokes at the copies inside the bundle (Contents/&lt;arch&gt;/, next to
/// the plug-in binary). A NativeAOT library resolves "onnxruntime" / "libSkiaSharp" against the host executable's
/// folder and the system paths, neither of which holds them: without this, the generator's model would fail to
/// open in a DAW, and the editor would fail to draw.
/// </summary>
internal static class BundledNativeLibraries
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly, Resolve);
        }
        catch (InvalidOperationException e)
        {
            Com.Guard.Record(e); // someone registered first; the default search applies
        }
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SkiaSharp.SKBitmap).Assembly, ResolveSkia);
        }
        catch (InvalidOperationException e)
        {
            Com.Guard.Record(e);
        }
    }

    private static IntPtr ResolveSkia(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!libraryName.Equals("libSkiaSharp", StringComparison.OrdinalIgnoreCase)) return IntPtr.Zero;
        string file = OperatingSystem.IsWindows() ? "libSkiaSharp.dll" : OperatingSystem.IsMacOS() ? "libSkiaSharp.dylib" : "libSkiaSharp.so";
        return LoadBesideModule(file);
    }

    private static IntPtr LoadBesideModule(string file)
    {
        string? module = ModulePath.Locate();
        string? folder = module is null ? null : Path.GetDirectoryName(module);
        if (folder is null) return IntPtr.Zero;
        string path = Path.Combine(folder, file);
        return File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle) ? handle : IntPtr.Zero;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!libraryName.Equals("onnxruntime", StringComparison.OrdinalIgnoreCase)) return IntPtr.Zero;
        string? module = ModulePath.Locate();
        string? folder = module is null ? null : Path.GetDirectoryName(module);
        if (folder is null) return IntPtr.Zero;
        string file = OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";
        string path = Path.Combine(folder, file);
        return File.Exists(path) && NativeLibrary.TryLoad(path, out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
