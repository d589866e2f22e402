using System.CommandLine;
using NeuralSynth.Cli.Bench;
using NeuralSynth.Engine;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>bench</c>: real-time factors measured on one thread, each beside its reference.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var voices = new Option<int[]>("--voices") { Description = "voices sounding (repeatable)", DefaultValueFactory = _ => [16, 64], AllowMultipleArgumentsPerToken = true };
        var harmonics = new Option<int>("--harmonics") { Description = "harmonics per voice", DefaultValueFactory = _ => 64 };
        var sampleRate = new Option<int>("--sample-rate") { DefaultValueFactory = _ => 48000 };
        var blockSize = new Option<int>("--block-size") { DefaultValueFactory = _ => 128 };
        var seconds = new Option<double>("--seconds") { Description = "audio seconds to render per measurement", DefaultValueFactory = _ => 10 };
        var model = new Option<string?>("--model") { Description = "benchmark a neural effect model (.nam) instead of the synth" };
        var rtneural = new Option<bool>("--rtneural") { Description = "benchmark GRU/LSTM (hidden 24, 32, 64 -> dense 1) through the RTNeural JSON path (issue #21)" };
        var writeModels = new Option<string?>("--write-models") { Description = "with --rtneural: also write the benchmarked RTNeural JSON models to this folder" };
        var ddsp = new Option<string?>("--ddsp") { Description = "benchmark decoder-driven voices (instrument name or decoder path) beside the additive synth, 48 kHz, 128-sample blocks" };

        var command = new Command("bench", "Measure real-time factors (audio seconds per CPU second) on one core")
        {
            voices, harmonics, sampleRate, blockSize, seconds, model, rtneural, writeModels, ddsp,
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
            if (parse.GetValue(ddsp) is string decoder) return DdspVoicesBench.Run(decoder, parse.GetValue(voices)!, h, s);
            if (parse.GetValue(model) is string modelPath) return BenchModel(modelPath, parse.Tokens.Any(t => t.Value == "--block-size") ? bs : 64, s);
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

    /// <summary>
    /// NeuralAmpModelerCore's benchmodel on this machine kind (-O3, one core, 2 s at 48 kHz in 64-sample
    /// buffers, see models/nam/README): the reference our runtime is held to.
    /// </summary>
    private static readonly Dictionary<string, double> ReferenceMilliseconds = new(StringComparer.Ordinal)
    {
        ["wavenet_a1_standard.nam"] = 143, ["ac10.nam"] = 143, ["deluxe.nam"] = 143, ["dumble.nam"] = 54,
    };

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

    private static int BenchModel(string path, int blockSize, double seconds)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"{path}: model file not found");
        var result = NeuralSynth.Neural.NamBenchmark.Measure(path, (int)Math.Max(1, Math.Round(seconds)), blockSize);
        double msPer2s = result.MillisecondsPerSecondOfAudio * 2;
        Console.WriteLine($"model bench: {result.Model} ({result.Architecture}), {blockSize}-sample blocks, one thread, best of 5 passes");
        Console.WriteLine($"  RTF {result.RealTimeFactor:0.0}x  ({msPer2s:0.0} ms CPU per 2 s of audio)");
        if (ReferenceMilliseconds.TryGetValue(result.Model, out double reference) && blockSize == 64)
            Console.WriteLine($"  NeuralAmpModelerCore reference on this machine kind: {reference:0} ms per 2 s -> ours is {reference / msPer2s:0.00}x its speed");
        return 0;
    }
}
