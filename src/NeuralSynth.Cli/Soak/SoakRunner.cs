using NeuralSynth.Engine.Diagnostics;
using System.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Generation.Live;
using NeuralSynth.Engine;
using NeuralSynth.Product.Effects;
using NeuralSynth.Product.Instrument;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Cli.Soak;

/// <param name="FixedBlockSize">Every block this size, as hosts run; null draws sizes from 1..<paramref name="MaxBlockSize"/>.</param>
/// <param name="RaveModel">A second effect running this RAVE model the whole time (its worker thread included), or null.</param>
/// <param name="Listen">The instrument's sidechain listener (streaming Basic Pitch) hears the mix, as "Continue What I Play" would.</param>
/// <param name="Slowest">How many of the blocks with the most CPU time the report lists with their timestamps.</param>
public sealed record SoakOptions(double Minutes, int Seed, int SampleRate, int MaxBlockSize, IReadOnlyList<string> EffectModels,
    bool UseGenerator, string? SoundSource = null, int? FixedBlockSize = null, string? RaveModel = null, bool Listen = false,
    int Slowest = 5);

/// <summary>
/// Runs the whole product — the instrument (synth, sound source, live generator) with random performance and
/// automation, then the effect with its models swapped under it by the loader thread — as the composition root
/// builds it for the plug-ins, on a dedicated audio thread paced like a real-time callback, with random block
/// sizes, while other threads push parameter changes and drain meters. Measures what a host would suffer:
/// block times against block periods, allocations, NaN/Inf, overruns.
/// </summary>
public static class SoakRunner
{
    public const int WarmupBlocks = 3000;

    public static SoakReport Run(SoakOptions options, Action<string>? log = null)
    {
        string modelsRoot = ProductPaths.Models;
        var library = ModelLibrary.Scan([new ModelRoot(modelsRoot, IsUser: false)]);
        using var product = new ProductInstrument(library, options.UseGenerator ? Path.Combine(modelsRoot, "generator", "model.onnx") : null,
            Path.Combine(modelsRoot, "basic-pitch", "nmp.onnx"));
        var synth = product.Synth;
        var instrument = product.Instrument;
        synth.Parameters.SetImmediate(SynthParameters.Polyphony, 32);
        instrument.GeneratorValues.SetImmediate(GeneratorParameters.Enabled, options.UseGenerator ? 1 : 0);
        int soundSource = 0;
        if (options.SoundSource != null)
        {
            soundSource = Array.IndexOf(SoundSourceSlot.NamesFor(library), options.SoundSource);
            if (soundSource < 0) throw new InvalidInputException($"sound source '{options.SoundSource}' is not in {modelsRoot}");
            product.SoundSources.Request(soundSource);
        }
        product.Prepare(options.SampleRate, options.MaxBlockSize, 2);
        if (options.Listen) product.ListenToInput(options.SampleRate);

        using var effect = new ProductEffect(library);
        effect.Prepare(options.SampleRate, options.MaxBlockSize, 2);
        var chain = effect.Chain;
        // Every model asked for must exist: a soak that silently runs fewer models proves less than it says.
        var modelIndices = options.EffectModels.Select(reference =>
            library.Find(reference) is { } entry ? library.IndexOf(entry) + 1 : throw new InvalidInputException($"soak: effect model '{reference}' is not in {modelsRoot}")).ToArray();
        if (modelIndices.Length > 0) effect.Models.LoadNow(modelIndices[0]);

        // A second effect after the first, holding RAVE the whole time: its worker thread runs beside everything else.
        using var rave = new ProductEffect(library);
        rave.Prepare(options.SampleRate, options.MaxBlockSize, 2);
        if (options.RaveModel is { } raveReference)
            rave.Models.LoadNow(library.Find(raveReference) is { } raveEntry
                ? library.IndexOf(raveEntry) + 1
                : throw new InvalidInputException($"soak: RAVE model '{raveReference}' is not in {modelsRoot}"));

        var report = new SoakReport
        {
            Slowest = new SlowestBlocks(options.Slowest),
            Components = $"{(options.UseGenerator ? "live generator -> " : "")}synth (32 voices max, {product.SoundSources.Names[soundSource]}{(options.Listen ? ", sidechain listener" : "")}) -> effect ({string.Join(", ", options.EffectModels)})"
                + $"{(options.RaveModel is null ? "" : $" -> effect ({options.RaveModel})")}, {options.SampleRate} Hz, "
                + (options.FixedBlockSize is { } fixedSize ? $"blocks of {fixedSize}" : $"blocks 1..{options.MaxBlockSize}"),
            FixedBlockSize = options.FixedBlockSize,
        };
        using var stop = new CancellationTokenSource();
        var performer = new RandomPerformer(options.Seed, synth.Registry);
        var uiRandom = new Random(options.Seed + 1);
        long queueOverruns = 0, modelSwaps = 0, stolen = 0, guardReplacements = 0;
        Exception? audioFailure = null;

        var audio = new Thread(() =>
        {
            try { AudioLoop(options, product, chain, options.RaveModel is null ? null : rave.Chain, performer, report, stop.Token); }
            catch (Exception e) { audioFailure = e; }
        }) { Name = "soak audio", Priority = ThreadPriority.Highest, IsBackground = true };

        // UI thread: parameter changes through the lock-free rings, as a plug-in editor would send them.
        var ui = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var change = performer.RandomAutomationFor(uiRandom, synth.Registry);
                if (!synth.IncomingEvents.TryWrite(change)) Interlocked.Increment(ref queueOverruns);
                var spec = chain.Registry[uiRandom.Next(chain.Registry.Count)];
                float value = spec.Id == EffectParameters.Bypass ? (uiRandom.Next(20) == 0 ? 1f : 0f) : spec.ToPlain(uiRandom.NextDouble());
                if (!chain.IncomingEvents.TryWrite(EngineEvent.Parameter(0, spec.Id, value))) Interlocked.Increment(ref queueOverruns);
                Thread.Sleep(5);
            }
        }) { Name = "soak ui", IsBackground = true };

        // A UI thread choosing another effect model every two seconds: the slot's worker loads it off the audio thread.
        var loader = new Thread(() =>
        {
            int next = 1;
            while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(2)))
            {
                if (modelIndices.Length < 2) continue;
                effect.Models.Request(modelIndices[next++ % modelIndices.Length]);
                Interlocked.Increment(ref modelSwaps);
            }
        }) { Name = "soak loader", IsBackground = true };

        // Meter thread: drains the engine's outgoing rings like a GUI would.
        var meters = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                while (synth.Meters.TryRead(out _)) { }
                while (synth.Messages.TryRead(out var message))
                {
                    if (message.Code == EngineMessageCode.VoiceStolen) Interlocked.Increment(ref stolen);
                    if (message.Code == EngineMessageCode.NonFiniteOutputReplaced) Interlocked.Add(ref guardReplacements, message.Value);
                }
                foreach (var effectChain in new[] { chain, rave.Chain })
                    while (effectChain.Messages.TryRead(out var message))
                        if (message.Code == EngineMessageCode.NonFiniteOutputReplaced) Interlocked.Add(ref guardReplacements, message.Value);
                Thread.Sleep(10);
            }
        }) { Name = "soak meters", IsBackground = true };

        // Load the malloc counter and bind its entry points here: doing it first on the audio thread would allocate there.
        NativeAllocationCounter.WatchThisThread(false);
        _ = NativeAllocationCounter.Calls + NativeAllocationCounter.Bytes + NativeAllocationCounter.JitCalls;

        var wall = Stopwatch.StartNew();
        audio.Start();
        ui.Start();
        loader.Start();
        meters.Start();
        var deadline = TimeSpan.FromMinutes(options.Minutes);
        while (wall.Elapsed < deadline && audio.IsAlive)
        {
            Thread.Sleep(Math.Min(1000, Math.Max(1, (int)(deadline - wall.Elapsed).TotalMilliseconds)));
            log?.Invoke($"  {wall.Elapsed.TotalSeconds,6:0}s  blocks {Interlocked.Read(ref report.BlocksCounter),10}");
        }
        stop.Cancel();
        audio.Join();
        ui.Join();
        loader.Join();
        meters.Join();
        if (audioFailure != null) throw new InvalidOperationException($"audio thread failed: {audioFailure.GetType().Name}: {audioFailure.Message}", audioFailure);

        report.WallSeconds = wall.Elapsed.TotalSeconds;
        report.EventQueueOverruns = queueOverruns;
        report.ModelSwaps = modelSwaps;
        report.VoicesStolen = stolen;
        report.GuardReplacements = guardReplacements;
        if (options.UseGenerator)
        {
            report.GeneratedNotes = instrument.Generator.NotesSent;
            report.LateGeneratedNotes = instrument.Generator.Scheduler.LateNotesDropped - report.LateNotesDuringWarmup;
            report.NotesBeforeJumpSkipped = instrument.Generator.Scheduler.NotesBeforeJumpSkipped;
            report.LoopReplays = instrument.Generator.Scheduler.LoopReplays;
            if (instrument.Generator.Fault is { } fault) throw new InvalidOperationException($"generator thread failed: {fault.Message}", fault);
        }
        return report;
    }

    private static void AudioLoop(SoakOptions options, ProductInstrument product, EffectChain chain, EffectChain? rave,
        RandomPerformer performer, SoakReport report, CancellationToken stop)
    {
        var instrument = options.UseGenerator ? product.Instrument : null;
        double quarters = 0, tempo = 120;
        var buffers = new[] { new float[options.MaxBlockSize], new float[options.MaxBlockSize] };
        var heard = new float[options.MaxBlockSize]; // what the sidechain listener hears: the previous block's mix
        var sizes = new Random(options.Seed + 2);
        var fxEvents = new EngineEvent[1];
        double ticksToSeconds = 1.0 / Stopwatch.Frequency;
        var allocations = default(ThreadAllocations);
        long nativeCallsBefore = 0, nativeBytesBefore = 0, jitCallsBefore = 0;
        long blocks = 0;
        (int Gen0, int Gen1, int Gen2) gcBefore = default;
        TimeSpan gcPauseBefore = default;
        double audioSeconds = 0, processing = 0, maxBlock = 0, maxPeriod = 0;
        long misses = 0, nonFinite = 0;
        long start = Stopwatch.GetTimestamp();
        var loads = report.BlockLoads;
        var cpuLoads = report.BlockCpuLoads;
        var causes = report.SlowBlocks;
        int collectionsSeen = GC.CollectionCount(0);
        bool cpuClock = ThreadCpuClock.Available;

        while (!stop.IsCancellationRequested)
        {
            int length = options.FixedBlockSize ?? sizes.Next(1, options.MaxBlockSize + 1);
            var block = new AudioBlock(buffers, 0, length);
            var events = performer.NextBlock(length);
            fxEvents[0] = EngineEvent.Parameter(sizes.Next(length), EffectParameters.Knob1, (float)sizes.NextDouble());

            // A host transport that changes tempo now and then and sometimes loops back four bars.
            if (sizes.Next(2000) == 0) tempo = 70 + sizes.Next(110);
            if (sizes.Next(4000) == 0) quarters = Math.Max(0, Math.Floor(quarters / 4) * 4 - 16);
            if (instrument != null)
                instrument.Transport = new HostTransport(HostTransportFlags.Playing | HostTransportFlags.TempoValid, tempo, 4, 4,
                    0, quarters, Math.Floor(quarters / 4) * 4);
            quarters += length * tempo / 60.0 / options.SampleRate;

            long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true);
            long preparedBefore = NativeAllocationCounter.JitCalls;
            var kernel0 = ThreadResourceUsage.Now();
            double cpu0 = ThreadCpuClock.Now() ?? 0;
            long t0 = Stopwatch.GetTimestamp();
            // Exact per stage once ThreadAllocations has started (the thread allocates nothing else).
            long bytes0 = GC.GetAllocatedBytesForCurrentThread();
            if (options.Listen) product.Process(block, events, heard.AsSpan(0, length));
            else if (instrument != null) instrument.Process(block, events);
            else product.Synth.Process(block, events);
            double cpuSource = ThreadCpuClock.Now() ?? 0;
            long bytesSource = GC.GetAllocatedBytesForCurrentThread();
            chain.Process(block, fxEvents);
            double cpuEffect = ThreadCpuClock.Now() ?? 0;
            long bytesEffect = GC.GetAllocatedBytesForCurrentThread();
            rave?.Process(block, default);
            long bytesEnd = GC.GetAllocatedBytesForCurrentThread();
            long t1 = Stopwatch.GetTimestamp();
            double cpu = (ThreadCpuClock.Now() ?? 0) - cpu0;
            var kernel1 = ThreadResourceUsage.Now();
            // A collection since the previous block ended: one that ran while this thread slept still leaves its mark
            // (objects moved, caches cold), and one that overlaps the block suspends it.
            int collections = GC.CollectionCount(0);
            bool collected = collections != collectionsSeen;
            collectionsSeen = collections;
            // Compiled by the JIT, or prepared by the runtime's prestub (the shim sees its allocations when preloaded).
            bool compiled = System.Runtime.JitInfo.GetCompiledMethodCount(currentThread: true) != compiledBefore
                || NativeAllocationCounter.JitCalls != preparedBefore;

            block.Channel(0).CopyTo(heard);
            for (int c = 0; c < 2; c++)
                foreach (float sample in block.Channel(c))
                    if (!float.IsFinite(sample)) nonFinite++;

            blocks++;
            Interlocked.Exchange(ref report.BlocksCounter, blocks);
            if (blocks > WarmupBlocks && bytesEnd != bytes0)
            {
                report.AllocatedByStage[0] += bytesSource - bytes0;
                report.AllocatedByStage[1] += bytesEffect - bytesSource;
                report.AllocatedByStage[2] += bytesEnd - bytesEffect;
                report.AllocatingBlocks++;
                if (compiled) report.AllocatingBlocksCompiling++;
            }
            double period = (double)length / options.SampleRate;
            audioSeconds += period;
            if (blocks == WarmupBlocks)
            {
                // Every measure below counts from here; what the warm-up saw (the generator opening its model as
                // playback starts) is reported apart.
                report.LateNotesDuringWarmup = instrument?.Generator.Scheduler.LateNotesDropped ?? 0;
                // First, so that its collection is not counted below.
                allocations = ThreadAllocations.Start();
                gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                gcPauseBefore = GC.GetTotalPauseDuration();
                // The native counters are read before watching starts, so nothing moves them between the reads: the
                // runtime preparing a method called between them (it did for GetTotalPauseDuration) counted in the
                // calls but not yet in the runtime's share, and showed as the product's.
                jitCallsBefore = NativeAllocationCounter.JitCalls;
                nativeCallsBefore = NativeAllocationCounter.Calls;
                nativeBytesBefore = NativeAllocationCounter.Bytes;
                NativeAllocationCounter.WatchThisThread(true);
                start = Stopwatch.GetTimestamp();
                audioSeconds = 0;
                processing = maxBlock = 0;
                loads.Clear();
                cpuLoads.Clear();
                causes.Clear();
                report.StageMaxima.Clear();
                report.Slowest.Clear();
                misses = 0;
                continue;
            }
            double elapsed = (t1 - t0) * ticksToSeconds;
            processing += elapsed;
            if (elapsed > period) misses++;
            if (elapsed > maxBlock) { maxBlock = elapsed; maxPeriod = period; }
            loads.Add(elapsed / period);
            if (cpuClock)
            {
                // A block charged more CPU than wall time is the clock's, not ours: kept out of the maxima, counted.
                bool excluded = compiled || collected || SlowBlockCauses.IsClockAhead(elapsed / period, cpu / period);
                report.StageMaxima.Add((cpuSource - cpu0) / period, (cpuEffect - cpuSource) / period,
                    (cpu0 + cpu - cpuEffect) / period, excluded);
                cpuLoads.Add(cpu / period);
                report.Slowest.Add(cpu / period, (cpuSource - cpu0) / period, t0, t1, excluded);
                causes.Add(elapsed / period, cpu / period, (kernel1.SystemSeconds - kernel0.SystemSeconds) / period,
                    kernel1.MinorFaults - kernel0.MinorFaults + kernel1.MajorFaults - kernel0.MajorFaults, collected, compiled);
            }

            // Pace like a sound card: never run more than 5 ms ahead of the wall clock.
            double ahead = audioSeconds - (Stopwatch.GetTimestamp() - start) * ticksToSeconds;
            if (blocks > WarmupBlocks && ahead > 0.005) Thread.Sleep((int)(ahead * 1000) - 2);
        }

        NativeAllocationCounter.WatchThisThread(false);
        report.AllocationsMeasured = blocks > WarmupBlocks;
        report.AllocatedBytes = report.AllocationsMeasured ? allocations.Bytes : 0;
        report.NativeAllocationsMeasured = report.AllocationsMeasured && NativeAllocationCounter.Available;
        report.NativeAllocations = report.NativeAllocationsMeasured ? NativeAllocationCounter.Calls - nativeCallsBefore : 0;
        report.NativeAllocatedBytes = report.NativeAllocationsMeasured ? NativeAllocationCounter.Bytes - nativeBytesBefore : 0;
        report.NativeAllocationsByJit = report.NativeAllocationsMeasured ? NativeAllocationCounter.JitCalls - jitCallsBefore : 0;
        report.Blocks = blocks - WarmupBlocks;
        // Collections pause every managed thread, the audio thread included: the other threads' garbage costs here.
        report.GarbageCollections = (GC.CollectionCount(0) - gcBefore.Gen0, GC.CollectionCount(1) - gcBefore.Gen1, GC.CollectionCount(2) - gcBefore.Gen2);
        report.GcPause = GC.GetTotalPauseDuration() - gcPauseBefore;
        report.AudioSeconds = audioSeconds;
        report.ProcessingSeconds = processing;
        report.MaxBlockMilliseconds = maxBlock * 1000;
        report.MaxBlockPeriodMilliseconds = maxPeriod * 1000;
        report.DeadlineMisses = misses;
        report.NonFiniteSamples = nonFinite;
    }
}
