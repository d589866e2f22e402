using NeuralSynth.Cli.Soak;
using Xunit;

namespace NeuralSynth.Engine.Tests;

/// <summary>The soak's attribution of slow blocks: each cause is counted only when its evidence is there.</summary>
public class SlowBlockCausesTests
{
    [Fact]
    public void Blocks_under_half_the_period_are_not_counted()
    {
        var causes = new SlowBlockCauses();
        causes.Add(wallLoad: 0.49, cpuLoad: 0.49, collected: true, compiled: true);
        Assert.Equal(0, causes.Total);
        Assert.Equal(0, causes.MaxCpuLoad); // compiled: excluded from the plug-in's own worst case
    }

    [Fact]
    public void Each_cause_is_told_apart_in_order_collection_jit_preemption_computation()
    {
        var causes = new SlowBlockCauses();
        causes.Add(wallLoad: 3.0, cpuLoad: 2.9, collected: true, compiled: true);  // collection first
        causes.Add(wallLoad: 3.0, cpuLoad: 2.9, collected: false, compiled: true); // then the JIT
        causes.Add(wallLoad: 3.0, cpuLoad: 1.4, collected: false, compiled: false); // ran under half its wall time
        causes.Add(wallLoad: 3.0, cpuLoad: 1.6, collected: false, compiled: false); // ran most of it: ours
        Assert.Equal((1, 1, 1, 1), (causes.GarbageCollection, causes.JitCompilation, causes.Preempted, causes.Computation));
        Assert.Equal(1.6, causes.MaxCpuLoad);
    }

    [Fact]
    public void Thread_cpu_clock_counts_this_threads_work_and_not_its_sleep()
    {
        // The clock exists on Linux only; elsewhere the soak says the CPU split was not measured.
        Assert.Equal(OperatingSystem.IsLinux(), ThreadCpuClock.Available);
        if (!ThreadCpuClock.Available) return;
        double start = ThreadCpuClock.Seconds();
        Thread.Sleep(200);
        double slept = ThreadCpuClock.Seconds() - start;
        var until = System.Diagnostics.Stopwatch.StartNew();
        double x = 0;
        while (until.ElapsedMilliseconds < 200) x += Math.Sqrt(x + 1);
        double worked = ThreadCpuClock.Seconds() - start - slept;
        Assert.True(slept < 0.02, $"sleeping 200 ms cost {slept * 1000:0.0} ms of CPU");
        Assert.True(worked > 0.05, $"200 ms of busy work counted as {worked * 1000:0.0} ms of CPU (x={x})");
    }
}
