using System.Runtime.InteropServices;

namespace NeuralSynth.Cli.Soak;

/// <summary>
/// Native heap allocations made by the audio thread (ONNX Runtime, the .NET runtime's own C++), which
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> cannot see. Counts through native/malloc-count's
/// libnsmalloccount.so when the process runs with it in LD_PRELOAD; otherwise <see cref="Available"/> is false and
/// the soak says native allocations were not measured.
/// </summary>
public static class NativeAllocationCounter
{
    private const string Library = "libnsmalloccount.so";

    public static bool Available { get; } = Probe();

    private static bool Probe()
    {
        // Loadable is not enough: only a preloaded copy interposes malloc. The library tells which it is.
        if (!NativeLibrary.TryLoad(Library, typeof(NativeAllocationCounter).Assembly, null, out _)) return false;
        try { return Active() != 0; }
        catch (EntryPointNotFoundException) { return false; }
    }

    /// <summary>Start or stop counting the calling thread's allocations.</summary>
    public static void WatchThisThread(bool on) { if (Available) Watch(on ? 1 : 0); }

    public static long Calls => Available ? CallCount() : 0;
    public static long Bytes => Available ? ByteCount() : 0;

    /// <summary>Of <see cref="Calls"/>, those the .NET runtime itself made (preparing or JIT-compiling a method the first
    /// time it ran on the watched thread): they exist only under the JIT (the CLI), never in the NativeAOT plug-in.</summary>
    public static long JitCalls => Available ? JitCallCount() : 0;

    [DllImport(Library, EntryPoint = "ns_malloc_count_active")] private static extern int Active();
    [DllImport(Library, EntryPoint = "ns_malloc_count_watch_this_thread")] private static extern void Watch(int on);
    [DllImport(Library, EntryPoint = "ns_malloc_count_calls")] private static extern long CallCount();
    [DllImport(Library, EntryPoint = "ns_malloc_count_bytes")] private static extern long ByteCount();
    [DllImport(Library, EntryPoint = "ns_malloc_count_jit_calls")] private static extern long JitCallCount();
}
