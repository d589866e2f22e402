using System.Globalization;
using System.Text;
using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Neural.Sequence;

namespace NeuralSynth.Cli.Bench;

/// <summary>
/// Issue #21 speed check: a GRU or LSTM of hidden size H (1 input) followed by a dense H -> 1, random weights,
/// written as RTNeural JSON and run through our RTNeural JSON path (<see cref="SequenceModelLoader"/>) on the
/// calling thread, in fixed blocks. Time is this thread's CPU time (<see cref="ThreadCpuClock"/>), best of five
/// passes after a JIT warm-up, so a loaded machine does not inflate it. The same JSON files can be fed to
/// RTNeural itself (see <c>bench --rtneural</c>).
/// </summary>
public static class SequenceBenchmark
{
    /// <param name="Checksum">Sum of each block's first output sample over the last pass (compare with rtneural_bench).</param>
    public sealed record Result(string Name, double AudioSeconds, double CpuSeconds, double Checksum)
    {
        public double RealTimeFactor => AudioSeconds / CpuSeconds;
        public double MillisecondsPer2Seconds => CpuSeconds * 1000 * 2 / AudioSeconds;
    }

    /// <summary>RTNeural JSON for <c>kind</c> ("gru"/"lstm") of hidden size <paramref name="hidden"/> then dense -> 1; deterministic.</summary>
    public static string ModelJson(string kind, int hidden, int seed = 21)
    {
        if (kind is not ("gru" or "lstm")) throw new ArgumentException($"kind '{kind}': gru or lstm", nameof(kind));
        var random = new Random(seed * 1000 + hidden + (kind == "lstm" ? 500 : 0));
        int gates = kind == "gru" ? 3 : 4;
        double scale = 1 / Math.Sqrt(hidden); // Keras-like init range keeps the state out of saturation
        var sb = new StringBuilder();
        sb.Append("{\"in_shape\": [null, null, 1], \"layers\": [");
        sb.Append($"{{\"type\": \"{kind}\", \"activation\": \"tanh\", \"shape\": [null, null, {hidden}], \"weights\": [");
        Matrix(sb, random, 1, gates * hidden, scale); sb.Append(", ");
        Matrix(sb, random, hidden, gates * hidden, scale); sb.Append(", ");
        if (kind == "gru") Matrix(sb, random, 2, gates * hidden, scale);
        else Vector(sb, random, gates * hidden, scale);
        sb.Append("]}, ");
        sb.Append("{\"type\": \"dense\", \"activation\": \"\", \"shape\": [null, null, 1], \"weights\": [");
        Matrix(sb, random, hidden, 1, scale); sb.Append(", ");
        Vector(sb, random, 1, scale);
        sb.Append("]}]}");
        return sb.ToString();
    }

    private static void Vector(StringBuilder sb, Random random, int n, double scale)
    {
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(((float)((random.NextDouble() * 2 - 1) * scale)).ToString("R", CultureInfo.InvariantCulture));
        }
        sb.Append(']');
    }

    private static void Matrix(StringBuilder sb, Random random, int rows, int cols, double scale)
    {
        sb.Append('[');
        for (int r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            Vector(sb, random, cols, scale);
        }
        sb.Append(']');
    }

    /// <summary>Benchmarks one model given as RTNeural JSON text: <paramref name="seconds"/> of audio at <paramref name="sampleRate"/>.</summary>
    public static Result Run(string name, string json, int sampleRate, int blockSize, double seconds)
    {
        var model = SequenceModelLoader.Parse(Encoding.UTF8.GetBytes(json), name, sampleRate);
        model.Prepare(blockSize);
        int frames = (int)(seconds * sampleRate);
        var input = TestSignal(frames, sampleRate);
        var output = new float[blockSize];

        double checksum = 0;
        void Pass()
        {
            model.Reset();
            double sum = 0;
            for (int start = 0; start < frames; start += blockSize)
            {
                int n = Math.Min(blockSize, frames - start);
                model.Process(input.AsSpan(start, n), output.AsSpan(0, n));
                sum += output[0];
            }
            checksum = sum;
        }

        // JIT warm-up: tier-0 code is replaced by optimized code after repeated calls plus a short delay.
        for (int round = 0; round < 3; round++) { Pass(); Thread.Sleep(100); }
        double best = double.MaxValue;
        for (int pass = 0; pass < 5; pass++) best = Math.Min(best, ThreadCpuClock.Measure(Pass));
        if (!double.IsFinite(checksum)) throw new InvalidOperationException($"{name}: non-finite output");
        return new Result(name, frames / (double)sampleRate, best, checksum);
    }

    /// <summary>
    /// A guitar-like test signal (decaying partials plus a little LCG noise), sample for sample the one
    /// tests/NeuralSynth.Neural.Tests/bench/rtneural_bench.cpp feeds RTNeural, so the checksums can be compared.
    /// </summary>
    public static float[] TestSignal(int frames, double sampleRate)
    {
        var signal = new float[frames];
        uint state = 1234;
        for (int i = 0; i < frames; i++)
        {
            double t = i / sampleRate;
            double envelope = Math.Exp(-6 * (t % 0.5));
            state = unchecked(state * 1664525u + 1013904223u);
            double noise = (state >> 8) / 16777216.0 - 0.5;
            signal[i] = (float)(0.5 * envelope * (Math.Sin(2 * Math.PI * 110 * t) + 0.5 * Math.Sin(2 * Math.PI * 220 * t)) + 0.01 * noise);
        }
        return signal;
    }
}
