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

public sealed record SoakOptions(double Minutes, int Seed, int SampleRate, int MaxBlockSize, IReadOnlyList<string> EffectModels,
    bool UseGenerator, string? SoundSource = null);

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
        using var product = new ProductInstrument(library, options.UseGenerator ? Path.Combine(modelsRoot, "generator", "model.onnx") : null);
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

        using var effect = new ProductEffect(library);
        effect.Prepare(options.SampleRate, options.MaxBlockSize, 2);
        var chain = effect.Chain;
        // Every model asked for must exist: a soak that silently runs fewer models proves less than it says.
        var modelIndices = options.EffectModels.Select(reference =>
            library.Find(reference) is { } entry ? library.IndexOf(entry) + 1 : throw new InvalidInputException($"soak: effect model '{reference}' is not in {modelsRoot}")).ToArray();
        if (modelIndices.Length > 0) effect.Models.LoadNow(modelIndices[0]);

        var report = new SoakReport
        {
            Components = $"{(options.UseGenerator ? "live generator -> " : "")}synth (32 voices max, {product.SoundSources.Names[soundSource]}) -> effect ({string.Join(", ", options.EffectModels)}), {options.SampleRate} Hz, blocks 1..{options.MaxBlockSize}",
        };
        using var stop = new CancellationTokenSource();
        var performer = new RandomPerformer(options.Seed, synth.Registry);
        var uiRandom = new Random(options.Seed + 1);
        long queueOverruns = 0, modelSwaps = 0, stolen = 0, guardReplacements = 0;
        Exception? audioFailure = null;

        var audio = new Thread(() =>
        {
            try { AudioLoop(options, synth, options.UseGenerator ? instrument : null, chain, performer, report, stop.Token); }
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
                while (chain.Messages.TryRead(out var message))
                    if (message.Code == EngineMessageCode.NonFiniteOutputReplaced) Interlocked.Add(ref guardReplacements, message.Value);
                Thread.Sleep(10);
            }
        }) { Name = "soak meters", IsBackground = true };

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
            if (instrument.Generator.Fault is { } fault) throw new InvalidOperationException($"generator thread failed: {fault.Message}", fault);
        }
        return report;
    }

    private static void AudioLoop(SoakOptions options, SynthEngine synth, GenerativeSynth? instrument, EffectChain chain,
        RandomPerformer performer, SoakReport report, CancellationToken stop)
    {
        IInstrument player = instrument != null ? instrument : synth;
        double quarters = 0, tempo = 120;
        var buffers = new[] { new float[options.MaxBlockSize], new float[options.MaxBlockSize] };
        var sizes = new Random(options.Seed + 2);
        var fxEvents = new EngineEvent[1];
        double ticksToSeconds = 1.0 / Stopwatch.Frequency;
        long allocationsBefore = 0;
        long blocks = 0;
        double audioSeconds = 0, processing = 0, maxBlock = 0, maxPeriod = 0, maxLoad = 0;
        long misses = 0, nonFinite = 0;
        long start = Stopwatch.GetTimestamp();

        while (!stop.IsCancellationRequested)
        {
            int length = sizes.Next(1, options.MaxBlockSize + 1);
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

            long t0 = Stopwatch.GetTimestamp();
            player.Process(block, events);
            chain.Process(block, fxEvents);
            long t1 = Stopwatch.GetTimestamp();

            for (int c = 0; c < 2; c++)
                foreach (float sample in block.Channel(c))
                    if (!float.IsFinite(sample)) nonFinite++;

            blocks++;
            Interlocked.Exchange(ref report.BlocksCounter, blocks);
            double period = (double)length / options.SampleRate;
            audioSeconds += period;
            if (blocks == WarmupBlocks)
            {
                // Every measure below counts from here; what the warm-up saw (the generator opening its model as
                // playback starts) is reported apart.
                report.LateNotesDuringWarmup = instrument?.Generator.Scheduler.LateNotesDropped ?? 0;
                allocationsBefore = GC.GetAllocatedBytesForCurrentThread();
                start = Stopwatch.GetTimestamp();
                audioSeconds = 0;
                processing = maxBlock = maxLoad = 0;
                misses = 0;
                continue;
            }
            double elapsed = (t1 - t0) * ticksToSeconds;
            processing += elapsed;
            if (elapsed > period) misses++;
            if (elapsed > maxBlock) { maxBlock = elapsed; maxPeriod = period; }
            maxLoad = Math.Max(maxLoad, elapsed / period);

            // Pace like a sound card: never run more than 5 ms ahead of the wall clock.
            double ahead = audioSeconds - (Stopwatch.GetTimestamp() - start) * ticksToSeconds;
            if (blocks > WarmupBlocks && ahead > 0.005) Thread.Sleep((int)(ahead * 1000) - 2);
        }

        report.AllocationsMeasured = blocks > WarmupBlocks;
        report.AllocatedBytes = report.AllocationsMeasured ? GC.GetAllocatedBytesForCurrentThread() - allocationsBefore : 0;
        report.Blocks = blocks - WarmupBlocks;
        report.AudioSeconds = audioSeconds;
        report.ProcessingSeconds = processing;
        report.MaxBlockMilliseconds = maxBlock * 1000;
        report.MaxBlockPeriodMilliseconds = maxPeriod * 1000;
        report.MaxBlockLoad = maxLoad;
        report.DeadlineMisses = misses;
        report.NonFiniteSamples = nonFinite;
    }
}
