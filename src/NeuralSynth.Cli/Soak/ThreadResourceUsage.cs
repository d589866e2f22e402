using System.Runtime.InteropServices;

namespace NeuralSynth.Cli.Soak;

/// <summary>
/// The calling thread's kernel-side costs (getrusage(RUSAGE_THREAD), Linux): CPU seconds spent in the kernel and
/// page faults. A block whose CPU time went to the kernel was not slow because of the plug-in's arithmetic but
/// because of what its memory touches cost (faults, compaction, reclaim). No allocation: one system call.
/// </summary>
public static partial class ThreadResourceUsage
{
    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Usage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, SharedRss, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlockInputs,
            BlockOutputs, MessagesSent, MessagesReceived, Signals, VoluntarySwitches, InvoluntarySwitches;
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetResourceUsage(int who, out Usage usage);

    public readonly record struct Sample(double SystemSeconds, long MinorFaults, long MajorFaults);

    /// <summary>Whether the OS reports per-thread usage (Linux only; probed once).</summary>
    public static bool Available { get; } = Probe();

    public static Sample Now()
    {
        if (!Available || GetResourceUsage(RusageThread, out var u) != 0) return default;
        return new Sample(u.SystemSeconds + u.SystemMicroseconds * 1e-6, u.MinorFaults, u.MajorFaults);
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return GetResourceUsage(RusageThread, out _) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }
}
