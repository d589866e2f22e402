using System.Runtime.InteropServices;

namespace NeuralSynth.Cli.Bench;

/// <summary>CPU time consumed by the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux/macOS).</summary>
public static partial class ThreadCpuTime
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

    public static TimeSpan Current()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            try
            {
                if (ClockGetTime(ClockThreadCpuTimeId, out var t) == 0)
                    return TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100);
            }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }
        return TimeSpan.Zero;
    }
}
