using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Diagnostics;

/// <summary>CPU seconds of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); wall time where the OS has none.</summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether the OS reports per-thread CPU time (probed once, so <see cref="Now"/> never throws and, on
    /// an audio thread, costs one vDSO call).</summary>
    public static bool Available { get; } = Probe();

    /// <summary>This thread's CPU seconds so far, or null where the OS does not report it.</summary>
    public static double? Now()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) return null;
        return t.Seconds + t.Nanoseconds * 1e-9;
    }

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return false;
        try { return ClockGetTime(ClockThreadCpuTimeId, out _) == 0; }
        catch (DllNotFoundException) { return false; }
        catch (EntryPointNotFoundException) { return false; }
    }

    /// <summary>Seconds of this thread's CPU spent in <paramref name="work"/> (wall time if unavailable).</summary>
    public static double Measure(Action work)
    {
        double? before = Now();
        var wall = Stopwatch.StartNew();
        work();
        wall.Stop();
        double? after = Now();
        return before.HasValue && after.HasValue && after > before ? after.Value - before.Value : wall.Elapsed.TotalSeconds;
    }
}
