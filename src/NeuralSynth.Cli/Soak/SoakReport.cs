using System.Globalization;

namespace NeuralSynth.Cli.Soak;

/// <summary>What a soak run measured on its audio thread.</summary>
public sealed class SoakReport
{
    public long Blocks { get; set; }
    /// <summary>Live block count for progress output, written by the audio thread.</summary>
    public long BlocksCounter;
    public double AudioSeconds { get; set; }
    public double WallSeconds { get; set; }
    public double ProcessingSeconds { get; set; }
    public double MaxBlockMilliseconds { get; set; }
    public double MaxBlockPeriodMilliseconds { get; set; }
    /// <summary>Every measured block's processing time as a fraction of its own period.</summary>
    public BlockLoadHistogram BlockLoads { get; } = new();
    /// <summary>Largest processing time as a fraction of that block's own duration.</summary>
    public double MaxBlockLoad => BlockLoads.Max;
    /// <summary>Every measured block's CPU time on the audio thread (what the plug-in's code cost, without the time the
    /// thread waited for a core or for a collection) as a fraction of its period; empty where no thread clock exists.</summary>
    public BlockLoadHistogram BlockCpuLoads { get; } = new();
    public SlowBlockCauses SlowBlocks { get; } = new();
    public StageMaxima StageMaxima { get; } = new();
    public SlowestBlocks Slowest { get; init; } = new();
    public int? FixedBlockSize { get; set; }
    /// <summary>Collections (gen 0, 1, 2) after the warm-up, caused by any thread; each pauses the audio thread too.</summary>
    public (int Gen0, int Gen1, int Gen2) GarbageCollections { get; set; }
    public TimeSpan GcPause { get; set; }
    public long DeadlineMisses { get; set; }
    public long AllocatedBytes { get; set; }
    /// <summary>Where <see cref="AllocatedBytes"/> were allocated, so that a failure says where to look: by stage
    /// (source, effect, second effect), and in how many blocks, how many of them while JIT-compiling code.</summary>
    public long[] AllocatedByStage { get; } = new long[3];
    public long AllocatingBlocks { get; set; }
    public long AllocatingBlocksCompiling { get; set; }
    /// <summary>False when the run ended before the warm-up did: allocations were then not measured at all.</summary>
    public bool AllocationsMeasured { get; set; }
    /// <summary>Native heap allocations (malloc family) on the audio thread: ONNX Runtime's, the runtime's own.
    /// Measured only when the soak runs with native/malloc-count preloaded.</summary>
    public bool NativeAllocationsMeasured { get; set; }
    public long NativeAllocations { get; set; }
    public long NativeAllocatedBytes { get; set; }
    /// <summary>Of <see cref="NativeAllocations"/>, those the .NET runtime made preparing or compiling a method the
    /// first time it ran on the audio thread: an artifact of running under the JIT; the NativeAOT plug-in prepares
    /// everything ahead of time.</summary>
    public long NativeAllocationsByJit { get; set; }
    public long NativeAllocationsByProduct => NativeAllocations - NativeAllocationsByJit;
    public long NonFiniteSamples { get; set; }
    public long GuardReplacements { get; set; }
    public long EventQueueOverruns { get; set; }
    public long VoicesStolen { get; set; }
    public long ModelSwaps { get; set; }
    public long GeneratedNotes { get; set; }
    public long LateGeneratedNotes { get; set; }
    public long NotesBeforeJumpSkipped { get; set; }
    public long LoopReplays { get; set; }
    /// <summary>Late notes in the warm-up, while the generator opened its model at the first play: reported, not judged.</summary>
    public long LateNotesDuringWarmup { get; set; }
    public long RaveOverruns { get; set; }
    public string Components { get; set; } = "";

    /// <summary>Deadline misses allowed, as a fraction of blocks: random block sizes include blocks of a few samples,
    /// whose period (tens of microseconds) a scheduler tick on a shared machine can exceed.</summary>
    public const double MaxDeadlineMissFraction = 0.005;

    public double DeadlineMissFraction => (double)DeadlineMisses / Math.Max(Blocks, 1);

    /// <summary>Everything that can go wrong, counted before any guard could hide it.</summary>
    public IEnumerable<string> Problems()
    {
        if (!AllocationsMeasured) yield return "allocations not measured (the run ended inside the warm-up)";
        if (AllocatedBytes != 0) yield return $"{AllocatedBytes} bytes allocated on the audio thread";
        if (NativeAllocationsByProduct != 0) yield return $"{NativeAllocationsByProduct} native allocations on the audio thread";
        if (NonFiniteSamples != 0) yield return $"{NonFiniteSamples} NaN/Inf samples reached the host";
        if (GuardReplacements != 0) yield return $"{GuardReplacements} NaN/Inf samples produced (replaced by the output guards)";
        if (EventQueueOverruns != 0) yield return $"{EventQueueOverruns} event queue overruns";
        if (LateGeneratedNotes != 0) yield return $"{LateGeneratedNotes} generated notes arrived after their time";
        if (DeadlineMissFraction > MaxDeadlineMissFraction) yield return $"deadline misses {100 * DeadlineMissFraction:0.000} % of blocks (bound {100 * MaxDeadlineMissFraction:0.0} %)";
    }

    public bool Clean => !Problems().Any();

    private const int SoakRunnerWarmup = SoakRunner.WarmupBlocks;

    public override string ToString() => string.Join(Environment.NewLine, new[]
    {
        $"soak: {Components}",
        Line("measured", $"after a warm-up of {SoakRunnerWarmup} blocks (not counted, except NaN/Inf, guard replacements and overruns)"),
        Line("audio rendered", $"{AudioSeconds:0.0} s in {WallSeconds:0.0} s wall ({Blocks} blocks, {(FixedBlockSize is { } size ? $"all of {size} samples" : "random sizes")})"),
        Line("average DSP load", $"{100 * ProcessingSeconds / Math.Max(AudioSeconds, 1e-9):0.0} % of real time"),
        Line("block load p50/p99/p99.9", $"{100 * BlockLoads.Quantile(0.5):0.0} % / {100 * BlockLoads.Quantile(0.99):0.0} % / {100 * BlockLoads.Quantile(0.999):0.0} % of the block period"),
        Line("max block load", $"{100 * MaxBlockLoad:0.0} % of its period"),
        Line("block CPU p50/p99/p99.9", BlockCpuLoads.Count == 0 ? "not measured (no per-thread CPU clock)"
            : $"{100 * BlockCpuLoads.Quantile(0.5):0.0} % / {100 * BlockCpuLoads.Quantile(0.99):0.0} % / {100 * BlockCpuLoads.Quantile(0.999):0.0} % of the period; max {100 * SlowBlocks.MaxCpuLoad:0.0} % outside JIT compilation and collections (the thread's own CPU time{KernelShare()})"),
        Line($"blocks over {100 * SlowBlockCauses.SlowLoad:0} %", BlockCpuLoads.Count == 0 ? "causes not measured"
            : $"{SlowBlocks.Total}: {SlowBlocks.GarbageCollection} during a garbage collection, {SlowBlocks.JitCompilation} JIT-compiling code on first run (CLI only), {SlowBlocks.Preempted} preempted (ran under half their wall time), {SlowBlocks.Kernel} in the kernel (at least half their CPU time: page faults, compaction, reclaim), {SlowBlocks.Computation} by the plug-in's own computation"),
        Line("CPU clock ahead of wall", BlockCpuLoads.Count == 0 ? "not measured" : $"{SlowBlocks.ClockAhead} blocks charged more CPU time than their wall time (impossible for one thread: the machine's clock; left out of the CPU maxima)"),
        Line("max CPU per stage", BlockCpuLoads.Count == 0 ? "not measured (no per-thread CPU clock)" : $"source {100 * StageMaxima.Source:0.0} %, effect {100 * StageMaxima.Effect:0.0} %, second effect {100 * StageMaxima.SecondEffect:0.0} % of the period (the thread's CPU time, blocks without JIT compilation or collections)"),
        Line("slowest blocks (CPU)", Slowest.Count == 0 ? "not measured" : string.Join("; ", Slowest.Describe()) + " (monotonic clock: perf record -k mono)"),
        Line("max block time", $"{MaxBlockMilliseconds:0.000} ms (that block's period {MaxBlockPeriodMilliseconds:0.000} ms)"),
        Line("deadline misses", $"{DeadlineMisses} ({100.0 * DeadlineMisses / Math.Max(Blocks, 1):0.000} % of blocks; bound {100 * MaxDeadlineMissFraction:0.0} %)"),
        Line("garbage collections", $"{GarbageCollections.Gen0} gen0, {GarbageCollections.Gen1} gen1, {GarbageCollections.Gen2} gen2 (from other threads' allocations), {GcPause.TotalMilliseconds:0.0} ms paused in all"),
        Line("audio-thread allocations", !AllocationsMeasured ? "not measured (run shorter than the warm-up)"
            : AllocatedBytes == 0 ? "0 bytes"
            : $"{AllocatedBytes} bytes: source {AllocatedByStage[0]}, effect {AllocatedByStage[1]}, second effect {AllocatedByStage[2]}; " +
              $"in {AllocatingBlocks} blocks, {AllocatingBlocksCompiling} of them JIT-compiling code"),
        Line("native allocations", NativeAllocationsMeasured ? $"{NativeAllocationsByProduct} by the product; {NativeAllocationsByJit} by the .NET runtime preparing code that first ran late (JIT only, not judged); {NativeAllocatedBytes} bytes in all"
            : "not measured (run with LD_PRELOAD=native/malloc-count/build/libnsmalloccount.so)"),
        Line("NaN/Inf reaching the host", NonFiniteSamples.ToString(CultureInfo.InvariantCulture)),
        Line("NaN/Inf produced (guarded)", GuardReplacements.ToString(CultureInfo.InvariantCulture)),
        Line("event queue overruns", EventQueueOverruns.ToString(CultureInfo.InvariantCulture)),
        Line("voices stolen", VoicesStolen.ToString(CultureInfo.InvariantCulture)),
        Line("effect model swaps", ModelSwaps.ToString(CultureInfo.InvariantCulture)),
        Line("generated notes sent", $"{GeneratedNotes} ({LateGeneratedNotes} arrived too late after the warm-up; {LateNotesDuringWarmup} during it, while the model opened, not judged; {NotesBeforeJumpSkipped} composed before a jump point, skipped)"),
        Line("host loops", $"{LoopReplays} replayed from the composed notes"),
        Line("result", Clean ? "CLEAN" : "FAILED: " + string.Join("; ", Problems())),
    });

    /// <summary>What the worst block's CPU time was made of, where the OS reports kernel time per thread.</summary>
    private string KernelShare() => !ThreadResourceUsage.Available ? "" :
        $"; that block: {100 * SlowBlocks.MaxCpuLoadInKernel:0.0} % in the kernel, {SlowBlocks.MaxCpuLoadPageFaults} page faults; " +
        $"max outside the kernel {100 * SlowBlocks.MaxUserCpuLoad:0.0} %";

    private static string Line(string name, string value) => $"  {name,-26} {value}";
}
