using NeuralSynth.Cli.Soak;
using NeuralSynth.Engine.Diagnostics;
using Xunit;

namespace NeuralSynth.Cli.Tests;

/// <summary>The soak's attribution of slow blocks: each cause is counted only when its evidence is there.</summary>
public class SlowBlockCausesTests
{
    [Fact]
    public void Blocks_under_half_the_period_are_not_counted()
    {
        var causes = new SlowBlockCauses();
        causes.Add(wallLoad: 0.49, cpuLoad: 0.49, kernelLoad: 0, pageFaults: 0, collected: true, compiled: true);
        Assert.Equal(0, causes.Total);
        Assert.Equal(0, causes.MaxCpuLoad); // compiled: excluded from the plug-in's own worst case
    }

    [Fact]
    public void Each_cause_is_told_apart_in_order_collection_jit_preemption_kernel_computation()
    {
        var causes = new SlowBlockCauses();
        causes.Add(wallLoad: 3.0, cpuLoad: 2.9, kernelLoad: 2.9, pageFaults: 9, collected: true, compiled: true);  // collection first
        causes.Add(wallLoad: 3.0, cpuLoad: 2.9, kernelLoad: 2.9, pageFaults: 9, collected: false, compiled: true); // then the JIT
        causes.Add(wallLoad: 3.0, cpuLoad: 1.4, kernelLoad: 1.4, pageFaults: 9, collected: false, compiled: false); // ran under half its wall time
        causes.Add(wallLoad: 3.0, cpuLoad: 2.0, kernelLoad: 1.0, pageFaults: 40, collected: false, compiled: false); // half of it in the kernel
        causes.Add(wallLoad: 3.0, cpuLoad: 1.6, kernelLoad: 0.7, pageFaults: 0, collected: false, compiled: false); // ran most of it: ours
        Assert.Equal((1, 1, 1, 1, 1), (causes.GarbageCollection, causes.JitCompilation, causes.Preempted, causes.Kernel, causes.Computation));
        Assert.Equal(2.0, causes.MaxCpuLoad);
        Assert.Equal((1.0, 40L), (causes.MaxCpuLoadInKernel, causes.MaxCpuLoadPageFaults)); // the worst block's make-up
        Assert.Equal(1.0, causes.MaxUserCpuLoad, 9); // outside the kernel: 0, 1.0 and 0.9 of the last three
    }

    [Fact]
    public void A_block_charged_more_cpu_than_wall_time_is_a_clock_anomaly_kept_out_of_the_maxima()
    {
        var causes = new SlowBlockCauses();
        causes.Add(wallLoad: 0.04, cpuLoad: 8.16, kernelLoad: 0, pageFaults: 0, collected: false, compiled: false); // 10.9 ms of CPU in 54 µs
        causes.Add(wallLoad: 0.30, cpuLoad: 0.33, kernelLoad: 0, pageFaults: 0, collected: false, compiled: false); // within the clock reads' cost
        Assert.Equal(1, causes.ClockAhead);
        Assert.Equal(0.33, causes.MaxCpuLoad);
        Assert.False(SlowBlockCauses.IsClockAhead(1.0, 1.15));
        Assert.True(SlowBlockCauses.IsClockAhead(1.0, 1.3));
    }

    [Fact]
    public void Thread_resource_usage_counts_this_threads_page_faults_and_kernel_time()
    {
        Assert.True(ThreadResourceUsage.Available); // CI runs on Linux
        var before = ThreadResourceUsage.Now();
        // Fresh pages: the first touch of each faults (64 MB, one write per 4 kB page).
        byte[] fresh = GC.AllocateUninitializedArray<byte>(64 << 20, pinned: true);
        for (int i = 0; i < fresh.Length; i += 4096) fresh[i] = 1;
        var after = ThreadResourceUsage.Now();
        long faults = after.MinorFaults + after.MajorFaults - before.MinorFaults - before.MajorFaults;
        Assert.True(faults >= 100, $"touching 64 MB of fresh memory took {faults} page faults");
        Assert.True(after.SystemSeconds > before.SystemSeconds, "the faults cost no kernel time");
    }

    [Fact]
    public void Thread_cpu_clock_counts_this_threads_work_and_not_its_sleep()
    {
        // The soak's CPU split needs the per-thread clock; CI runs on Linux, where it exists.
        Assert.True(ThreadCpuClock.Now().HasValue);
        double start = ThreadCpuClock.Now()!.Value;
        Thread.Sleep(200);
        double slept = ThreadCpuClock.Now()!.Value - start;
        // Busy work advances it (on a loaded machine more slowly than the wall clock, which is the point).
        var wall = System.Diagnostics.Stopwatch.StartNew();
        double x = 0, busyFrom = ThreadCpuClock.Now()!.Value;
        while (ThreadCpuClock.Now()!.Value - busyFrom < 0.05 && wall.Elapsed.TotalSeconds < 20) x += Math.Sqrt(x + 1);
        double worked = ThreadCpuClock.Now()!.Value - busyFrom;
        Assert.True(slept < 0.02, $"sleeping 200 ms cost {slept * 1000:0.0} ms of CPU");
        Assert.True(worked >= 0.05, $"20 s of busy work counted as {worked * 1000:0.0} ms of CPU (x={x})");
    }
}
