using NeuralSynth.Ddsp;
using NeuralSynth.Ddsp.Model;

namespace NeuralSynth.Cli.Bench;

/// <summary>
/// <c>bench --ddsp</c>: decoder-driven voices beside the additive synth with as many voices, in one run, so the
/// cost of the neural timbre reads directly against the engine it drives (issue #15 item 4: goal ≥ 10x at 64).
/// The three measurements take turns, pass after pass, so a slow spell of a shared machine lands on all of them;
/// each line gives the median pass and the range over all passes.
/// </summary>
public static class DdspVoicesBench
{
    public static int Run(string decoder, IReadOnlyList<int> voices, int harmonics, double seconds, int passes)
    {
        int sr = DdspBenchmark.SampleRate, bs = DdspBenchmark.BlockSize;
        Console.WriteLine($"ddsp bench: decoder '{decoder}', {sr} Hz, {bs}-sample blocks, one thread, thread CPU time, {passes} pass(es) of {seconds:0.##} s each, median [range]");
        var runtimes = new[] { DecoderRuntime.Managed, DecoderRuntime.OnnxRuntime };
        foreach (int v in voices)
        {
            var additive = new List<double>();
            var ddsp = runtimes.ToDictionary(r => r, _ => new List<DdspBenchResult>());
            string additiveName = "";
            for (int pass = 0; pass < passes; pass++)
            {
                var (engine, _) = SynthBenchmark.Run(v, harmonics, sr, bs, seconds);
                additiveName = engine.Name;
                additive.Add(engine.RealTimeFactor);
                foreach (var runtime in runtimes) ddsp[runtime].Add(DdspBenchmark.Run(v, seconds, decoder, runtime));
            }
            Console.WriteLine($"  {"additive " + additiveName,-52} RTF {Median(additive),7:0.0}x [{additive.Min():0.0}-{additive.Max():0.0}]  ({1000 / Median(additive):0.00} ms CPU per audio second)");
            foreach (var runtime in runtimes)
            {
                var results = ddsp[runtime].OrderBy(r => r.RealTimeFactor).ToList();
                var median = results[(results.Count - 1) / 2];
                string name = $"ddsp ({v} voices, {(runtime == DecoderRuntime.Managed ? "managed decoder" : "ONNX Runtime reference")})";
                Console.WriteLine($"  {name,-52} RTF {median.RealTimeFactor,7:0.0}x [{results[0].RealTimeFactor:0.0}-{results[^1].RealTimeFactor:0.0}]  ({median.CpuSeconds * 1000 / median.AudioSeconds:0.00} ms CPU per audio second; decode per frame {median.DecodeMeanMicroseconds:0} µs mean, {median.DecodeP999Microseconds:0} µs p99.9, {median.DecodeMaxMicroseconds:0} µs worst)");
            }
        }
        return 0;
    }

    /// <summary>The lower median: a measured pass, never an average of two.</summary>
    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
