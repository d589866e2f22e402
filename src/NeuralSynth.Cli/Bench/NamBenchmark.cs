using System.Diagnostics;
using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Neural;
using NeuralSynth.Neural.Kernels;
using NeuralSynth.Neural.Nam;
using NeuralSynth.Neural.Nam.WaveNet;

namespace NeuralSynth.Cli.Bench;

/// <summary>
/// Measures how fast a .nam model runs on the calling thread, the way NeuralAmpModelerCore's
/// tools/benchmodel does: Reset, then <see cref="Options.Seconds"/> of audio at the model's rate processed in
/// fixed-size blocks, timed with a wall clock. Unlike benchmodel (one pass per process) it first runs
/// untimed passes for at least <see cref="Options.WarmupSeconds"/> so the JIT has promoted the hot methods,
/// then times <see cref="Options.Passes"/> passes and reports each (wall and this thread's CPU time).
/// </summary>
internal static class NamBenchmark
{
    public sealed record Options
    {
        /// <summary>Audio seconds per timed pass (benchmodel: 2).</summary>
        public double Seconds { get; init; } = 2;

        /// <summary>Samples per Process call (benchmodel: 64).</summary>
        public int BlockSize { get; init; } = 64;

        public int Passes { get; init; } = 5;

        /// <summary>Minimum wall time of untimed passes before timing (tiered JIT promotes after ~100 ms).</summary>
        public double WarmupSeconds { get; init; } = 2;

        /// <summary>Feed silence, as benchmodel does, instead of the guitar-like test signal.</summary>
        public bool Silence { get; init; }

        /// <summary>NeuralAmpModelerCore's fast tanh (and, for LSTMs, its fast sigmoid) instead of exact.</summary>
        public bool FastTanh { get; init; }

        /// <summary>Use the 256-bit (AVX2) kernels even where 512-bit vectors are accelerated.</summary>
        public bool Force256 { get; init; }
    }

    /// <summary>One run: every timed pass's wall and thread-CPU seconds.</summary>
    public sealed record Result(string Model, string Architecture, int BlockSize, double AudioSeconds,
        IReadOnlyList<double> PassWallSeconds, IReadOnlyList<double> PassCpuSeconds, int VectorBits)
    {
        public double BestWallSeconds => PassWallSeconds.Min();
        public double MedianWallSeconds => Median(PassWallSeconds);
        public double BestCpuSeconds => PassCpuSeconds.Min();

        /// <summary>Audio seconds per CPU second in the best pass (higher is better; 1 = just real time).</summary>
        public double RealTimeFactor => AudioSeconds / BestCpuSeconds;

        public double MillisecondsPerSecondOfAudio => BestCpuSeconds * 1000.0 / AudioSeconds;
    }

    /// <summary>Returns the real-time factor (audio seconds per CPU second) for <paramref name="seconds"/> of audio.</summary>
    public static double Run(string modelPath, int seconds, int blockSize) =>
        Measure(modelPath, new Options { Seconds = seconds, BlockSize = blockSize }).RealTimeFactor;

    public static Result Measure(string modelPath, Options options)
    {
        if (options.Seconds <= 0) throw new ArgumentOutOfRangeException(nameof(options), "seconds must be positive");
        if (options.BlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), "block size must be positive");
        if (options.Passes <= 0) throw new ArgumentOutOfRangeException(nameof(options), "passes must be positive");
        bool saved = SimdWidth.Force256;
        SimdWidth.Force256 = options.Force256;
        try
        {
            return MeasureOnThisThread(modelPath, options);
        }
        finally
        {
            SimdWidth.Force256 = saved;
        }
    }

    private static Result MeasureOnThisThread(string modelPath, Options options)
    {
        var model = NamModelLoader.Load(modelPath); // LSTM cells pick their vector width here
        var network = model.Network;
        if (options.FastTanh)
        {
            switch (network)
            {
                case NamLstmModel lstm: lstm.UseFastTanh = true; break;
                case WaveNetModel wavenet: wavenet.UseFastTanh = true; break;
                default: throw new ArgumentException($"{model.Architecture}: no fast-tanh mode", nameof(options));
            }
        }
        int frames = (int)Math.Round(options.Seconds * model.SampleRate);
        var input = options.Silence ? new float[frames] : TestSignal(frames, model.SampleRate);
        var output = new float[options.BlockSize];
        network.Prepare(options.BlockSize);

        void Pass()
        {
            network.Reset();
            for (int start = 0; start < frames; start += options.BlockSize)
            {
                int n = Math.Min(options.BlockSize, frames - start);
                network.Process(input.AsSpan(start, n), output.AsSpan(0, n));
            }
        }

        var warmup = Stopwatch.StartNew();
        do Pass(); while (warmup.Elapsed.TotalSeconds < options.WarmupSeconds);

        var wall = new double[options.Passes];
        var cpu = new double[options.Passes];
        for (int p = 0; p < options.Passes; p++)
        {
            double? cpuBefore = ThreadCpuClock.Now();
            long before = Stopwatch.GetTimestamp();
            Pass();
            wall[p] = Stopwatch.GetElapsedTime(before).TotalSeconds;
            double? cpuAfter = ThreadCpuClock.Now();
            cpu[p] = cpuBefore is double a && cpuAfter is double b ? b - a : wall[p];
        }
        int bits = network is NamLstmModel cells ? cells.VectorBits
            : SimdWidth.Use512 ? 512 : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? 256 : 32;
        return new Result(Path.GetFileName(modelPath), model.Architecture, options.BlockSize, frames / model.SampleRate, wall, cpu, bits);
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /// <summary>A guitar-like test signal: decaying plucked partials plus a little noise, deterministic.</summary>
    private static float[] TestSignal(int frames, double sampleRate)
    {
        var signal = new float[frames];
        var random = new Random(1234);
        for (int i = 0; i < frames; i++)
        {
            double t = i / sampleRate;
            double pluck = t % 0.5;
            double envelope = Math.Exp(-6 * pluck);
            signal[i] = (float)(0.5 * envelope * (Math.Sin(2 * Math.PI * 110 * t) + 0.5 * Math.Sin(2 * Math.PI * 220 * t))
                                + 0.01 * (random.NextDouble() - 0.5));
        }
        return signal;
    }
}
