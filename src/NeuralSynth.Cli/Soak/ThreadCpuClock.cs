using System.Runtime.InteropServices;

namespace NeuralSynth.Cli.Soak;

/// <summary>
/// CPU time the calling thread has run (Linux CLOCK_THREAD_CPUTIME_ID, a vDSO call: no allocation, no syscall on
/// x86-64). A block's wall time minus its CPU time is the time the thread was not running its own code: preempted
/// by another thread or process, or suspended by a garbage collection. The soak uses it to tell the plug-in's own
/// slow blocks from the machine's.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3;

    public static bool Available { get; } = Probe();

    /// <summary>Seconds of CPU this thread has used; 0 where the clock is not available.</summary>
    public static double Seconds()
    {
        if (!Available || clock_gettime(ClockThreadCpuTime, out var now) != 0) return 0;
        return now.Seconds + now.Nanoseconds * 1e-9;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return clock_gettime(ClockThreadCpuTime, out _) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
