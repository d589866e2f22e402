using NeuralSynth.Ddsp;
using NeuralSynth.Ddsp.Model;

namespace NeuralSynth.Cli.Bench;

/// <summary>
/// <c>bench --ddsp</c>: decoder-driven voices beside the additive synth with as many voices, in one run, so the
/// cost of the neural timbre reads directly against the engine it drives (issue #15 item 4: goal ≥ 10x at 64).
/// </summary>
public static class DdspVoicesBench
{
    public static int Run(string decoder, IReadOnlyList<int> voices, int harmonics, double seconds)
    {
        int sr = DdspBenchmark.SampleRate, bs = DdspBenchmark.BlockSize;
        Console.WriteLine($"ddsp bench: decoder '{decoder}', {sr} Hz, {bs}-sample blocks, one thread, thread CPU time");
        foreach (int v in voices)
        {
            var (additive, _) = SynthBenchmark.Run(v, harmonics, sr, bs, seconds);
            Console.WriteLine($"  {"additive " + additive.Name,-52} RTF {additive.RealTimeFactor,7:0.0}x  ({additive.CpuSeconds * 1000 / additive.AudioSeconds:0.00} ms CPU per audio second)");
            foreach (var runtime in new[] { DecoderRuntime.Managed, DecoderRuntime.OnnxRuntime })
            {
                var ddsp = DdspBenchmark.Run(v, seconds, decoder, runtime);
                string name = $"ddsp ({v} voices, {(runtime == DecoderRuntime.Managed ? "managed decoder" : "ONNX Runtime reference")})";
                Console.WriteLine($"  {name,-52} RTF {ddsp.RealTimeFactor,7:0.0}x  ({ddsp.CpuSeconds * 1000 / ddsp.AudioSeconds:0.00} ms CPU per audio second; decode per frame {ddsp.DecodeMeanMicroseconds:0} µs mean, {ddsp.DecodeP999Microseconds:0} µs p99.9, {ddsp.DecodeMaxMicroseconds:0} µs worst)");
            }
        }
        return 0;
    }
}
