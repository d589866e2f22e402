using System.CommandLine;
using NeuralSynth.Cli.Bench;
using NeuralSynth.Engine;
using NeuralSynth.Neural;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>bench</c>: real-time factors measured on one thread; prints only what this run measured.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var voices = new Option<int[]>("--voices") { Description = "voices sounding (repeatable)", DefaultValueFactory = _ => [16, 64], AllowMultipleArgumentsPerToken = true };
        var harmonics = new Option<int>("--harmonics") { Description = "harmonics per voice", DefaultValueFactory = _ => 64 };
        var sampleRate = new Option<int>("--sample-rate") { DefaultValueFactory = _ => 48000 };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 128 };
        var seconds = new Option<double>("--seconds") { Description = "audio seconds to render per measurement", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "benchmark a neural effect model (.nam) instead of the synth (2 s per pass, 64-sample blocks unless given)" };
        var fastTanh = new Option<bool>("--fast-tanh") { Description = "with --model: NeuralAmpModelerCore's fast tanh/sigmoid approximation instead of exact" };
        var avx2 = new Option<bool>("--avx2") { Description = "with --model: 256-bit kernels even where AVX-512 is available" };
        var silence = new Option<bool>("--silence") { Description = "with --model: feed silence (as NeuralAmpModelerCore's benchmodel does) instead of a test signal" };
        var passes = new Option<int>("--passes") { Description = "with --model: timed passes after warm-up (default 5); with --ddsp: passes taking turns (default 3)", DefaultValueFactory = _ => 5 };
        var rtneural = new Option<bool>("--rtneural") { Description = "benchmark GRU/LSTM (hidden 24, 32, 64 -> dense 1) through the RTNeural JSON path (issue #21)" };
        var writeModels = new Option<string?>("--write-models") { Description = "with --rtneural: also write the benchmarked RTNeural JSON models to this folder" };
        var ddsp = new Option<string?>("--ddsp") { Description = "benchmark decoder-driven voices (instrument name or decoder path) beside the additive synth, 48 kHz, 128-sample blocks" };

        var command = new Command("bench", "Measure real-time factors (audio seconds per CPU second) on one core")
        {
            voices, harmonics, sampleRate, blockSize, seconds, model, rtneural, writeModels, ddsp, fastTanh, avx2, silence, passes,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            int h = parse.GetValue(harmonics), sr = parse.GetValue(sampleRate), bs = parse.GetValue(blockSize);
            double s = parse.GetValue(seconds);
            if (h < 1 || h > 100) throw new InvalidInputException($"--harmonics {h}: must be 1..100");
            if (s <= 0 || s > 3600) throw new InvalidInputException($"--seconds {s}: must be in (0, 3600]");
            RenderCommand.ValidateRateAndBlock(sr, bs);
            if (parse.GetValue(rtneural))
                return BenchSequence(sr, parse.Tokens.Any(t => t.Value == "--block-size") ? bs : 64,
                                     parse.Tokens.Any(t => t.Value == "--seconds") ? s : 2, parse.GetValue(writeModels));
            int p = parse.GetValue(passes);
            if (p < 1 || p > 1000) throw new InvalidInputException($"--passes {p}: must be 1..1000");
            if (parse.GetValue(ddsp) is string decoder)
                return DdspVoicesBench.Run(decoder, parse.GetValue(voices)!, h, s, parse.Tokens.Any(t => t.Value == "--passes") ? p : 3);
            if (parse.GetValue(model) is string modelPath)
            {
                return BenchModel(modelPath, new NamBenchmark.Options
                {
                    Seconds = parse.Tokens.Any(t => t.Value == "--seconds") ? s : 2,
                    BlockSize = parse.Tokens.Any(t => t.Value == "--block-size") ? bs : 64,
                    Passes = p,
                    FastTanh = parse.GetValue(fastTanh),
                    Force256 = parse.GetValue(avx2),
                    Silence = parse.GetValue(silence),
                });
            }
            Console.WriteLine($"synth bench: {sr} Hz, {bs}-sample blocks, one thread, {Environment.ProcessorCount} cores visible, Vector<float> = {System.Numerics.Vector<float>.Count} lanes");
            foreach (int v in parse.GetValue(voices)!)
            {
                if (v < 1 || v > 64) throw new InvalidInputException($"--voices {v}: must be 1..64");
                var (engine, reference) = SynthBenchmark.Run(v, h, sr, bs, s);
                Console.WriteLine($"  {engine.Name,-44} RTF {engine.RealTimeFactor,8:0.0}x  ({engine.CpuSeconds * 1000 / engine.AudioSeconds:0.00} ms CPU per audio second)");
                Console.WriteLine($"  {reference.Name,-44} RTF {reference.RealTimeFactor,8:0.00}x  -> engine is {engine.RealTimeFactor / reference.RealTimeFactor:0.0}x faster");
            }
            return 0;
        }));
        return command;
    }

    private static int BenchSequence(int sampleRate, int blockSize, double seconds, string? writeFolder)
    {
        Console.WriteLine($"rtneural bench: GRU/LSTM (1 in) -> dense 1, random weights, {sampleRate} Hz, {seconds:0.##} s, {blockSize}-sample blocks, one thread, thread CPU time, best of 5 passes");
        if (writeFolder is not null) Directory.CreateDirectory(writeFolder);
        foreach (string kind in new[] { "gru", "lstm" })
        {
            foreach (int hidden in new[] { 24, 32, 64 })
            {
                string name = $"{kind}-{hidden}.json", json = SequenceBenchmark.ModelJson(kind, hidden);
                if (writeFolder is not null) File.WriteAllText(Path.Combine(writeFolder, name), json);
                var result = SequenceBenchmark.Run(name, json, sampleRate, blockSize, seconds);
                Console.WriteLine($"  {kind.ToUpperInvariant(),-4} {hidden,3}  RTF {result.RealTimeFactor,7:0.0}x  ({result.MillisecondsPer2Seconds,6:0.00} ms CPU per 2 s of audio)  [checksum {result.Checksum:G4}]");
            }
        }
        return 0;
    }

    private static int BenchModel(string path, NamBenchmark.Options options)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: model file not found");
        NamBenchmark.Result result;
        try { result = NamBenchmark.Measure(path, options); }
        catch (ArgumentException e) { throw new InvalidInputException($"{path}: {e.Message}"); }
        double per2s = 2000.0 / result.AudioSeconds; // seconds measured -> ms per 2 s of audio
        Console.WriteLine($"model bench: {result.Model} ({result.Architecture}), {result.AudioSeconds:0.###} s of audio per pass in {result.BlockSize}-sample blocks, " +
                          $"one thread, {(options.FastTanh ? "fast" : "exact")} tanh, {result.VectorBits}-bit kernels, input {(options.Silence ? "silence" : "test signal")}, " +
                          $"{result.PassWallSeconds.Count} timed passes after {options.WarmupSeconds:0.#} s warm-up");
        Console.WriteLine($"  passes (wall ms per 2 s): {string.Join(" ", result.PassWallSeconds.Select(w => (w * per2s).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}");
        Console.WriteLine(System.FormattableString.Invariant(
            $"  best {result.BestWallSeconds * per2s:0.00} ms, median {result.MedianWallSeconds * per2s:0.00} ms wall per 2 s; best {result.BestCpuSeconds * per2s:0.00} ms thread CPU per 2 s (RTF {result.RealTimeFactor:0.0}x)"));
        return 0;
    }
}
