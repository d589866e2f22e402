namespace NeuralSynth.Cli.Soak;

/// <summary>
/// Why the slow blocks were slow, counted per block on the audio thread without allocating. A block is slow when
/// its wall time exceeds <see cref="SlowLoad"/> of its period. It is put down to a garbage collection when one
/// started during it, to the JIT when the runtime compiled a method on the audio thread during it (code running for
/// the first time; the CLI runs under the JIT, the NativeAOT plug-in never does), to preemption when the thread ran its own code for less than half of the block's wall time
/// (the rest it waited for a core), to the kernel when at least half of its CPU time was spent there (page faults,
/// memory compaction or reclaim on touching memory: the machine's memory pressure, paid by our thread), and otherwise
/// to the plug-in's own computation. Apart from all of these, a block whose CPU time exceeds its wall time is counted
/// as a clock anomaly and kept out of the CPU maxima: one thread cannot compute longer than it exists, so that CPU
/// time was charged, not used (a hypervisor that reports no steal time charges the vCPU's absence to the running
/// thread; one soak block here was charged 10.9 ms of CPU in 54 µs).
/// </summary>
public sealed class SlowBlockCauses
{
    /// <summary>The goal is p99.9 under 50 % of the period; a block above it is the kind that goal counts.</summary>
    public const double SlowLoad = 0.5;

    public long GarbageCollection { get; private set; }
    public long JitCompilation { get; private set; }
    public long Preempted { get; private set; }
    public long Kernel { get; private set; }
    public long Computation { get; private set; }
    /// <summary>Blocks charged more CPU time than their wall time (beyond the clock reads' own cost).</summary>
    public long ClockAhead { get; private set; }
    /// <summary>The largest CPU time of any block in which nothing was JIT-compiled and no collection ran, as a fraction of its period: the
    /// plug-in's own worst case.</summary>
    public double MaxCpuLoad { get; private set; }
    /// <summary>Of the block with <see cref="MaxCpuLoad"/>: the part of its CPU time spent in the kernel, as a fraction of its period.</summary>
    public double MaxCpuLoadInKernel { get; private set; }
    /// <summary>Of the block with <see cref="MaxCpuLoad"/>: the page faults it took.</summary>
    public long MaxCpuLoadPageFaults { get; private set; }
    /// <summary>The largest CPU time spent outside the kernel in one such block: the plug-in's arithmetic alone.</summary>
    public double MaxUserCpuLoad { get; private set; }
    public long Total => GarbageCollection + JitCompilation + Preempted + Kernel + Computation;

    /// <param name="kernelLoad">The block's CPU time in the kernel, as a fraction of its period (part of <paramref name="cpuLoad"/>).</param>
    /// <param name="pageFaults">Page faults the thread took during the block.</param>
    public void Add(double wallLoad, double cpuLoad, double kernelLoad, long pageFaults, bool collected, bool compiled)
    {
        if (IsClockAhead(wallLoad, cpuLoad))
        {
            ClockAhead++;
            return;
        }
        if (!compiled && !collected)
        {
            if (cpuLoad > MaxCpuLoad)
            {
                MaxCpuLoad = cpuLoad;
                MaxCpuLoadInKernel = kernelLoad;
                MaxCpuLoadPageFaults = pageFaults;
            }
            MaxUserCpuLoad = Math.Max(MaxUserCpuLoad, cpuLoad - kernelLoad);
        }
        if (wallLoad <= SlowLoad) return;
        if (collected) GarbageCollection++;
        else if (compiled) JitCompilation++;
        else if (cpuLoad < 0.5 * wallLoad) Preempted++;
        else if (kernelLoad >= 0.5 * cpuLoad) Kernel++;
        else Computation++;
    }

    /// <summary>CPU time beyond the wall time by more than the CPU clock's two reads can add: they sit outside the
    /// wall-clock pair and are system calls, which on this VM took up to tens of µs (2 % of the period flagged 1894
    /// blocks in 10 minutes): 10 % plus a tenth of the period.</summary>
    public static bool IsClockAhead(double wallLoad, double cpuLoad) => cpuLoad > 1.1 * wallLoad + 0.1;

    public void Clear()
    {
        GarbageCollection = JitCompilation = Preempted = Kernel = Computation = ClockAhead = 0;
        MaxCpuLoad = MaxCpuLoadInKernel = MaxUserCpuLoad = 0;
        MaxCpuLoadPageFaults = 0;
    }
}
