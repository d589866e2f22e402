using System.Diagnostics;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural;

/// <summary>
/// Measures how fast a .nam model runs on the calling thread, the way NeuralAmpModelerCore's benchmodel does:
/// a deterministic test signal processed in fixed-size blocks after Prepare/Reset.
/// </summary>
public static class NamBenchmark
{
    /// <summary>
    /// Result of one run. <see cref="CpuSeconds"/> is processor time consumed by this process during the best
    /// timed pass (not wall time), so other load on a shared machine does not inflate it;
    /// <see cref="WallSeconds"/> is the wall-clock time of that pass.
    /// </summary>
    public sealed record Result(string Model, string Architecture, int BlockSize, double AudioSeconds, double CpuSeconds, double WallSeconds)
    {
        /// <summary>Audio seconds processed per second of compute (higher is better; 1 = just real time).</summary>
        public double RealTimeFactor => AudioSeconds / CpuSeconds;

        public double MillisecondsPerSecondOfAudio => CpuSeconds * 1000.0 / AudioSeconds;
    }

    /// <summary>Returns the real-time factor (audio seconds per CPU second) for <paramref name="seconds"/> of audio.</summary>
    public static double Run(string modelPath, int seconds, int blockSize) => Measure(modelPath, seconds, blockSize).RealTimeFactor;

    /// <summary>
    /// Loads the model, warms the JIT with one untimed pass, then times <paramref name="seconds"/> of audio and
    /// reports the best of five passes (the least disturbed by other processes).
    /// </summary>
    public static Result Measure(string modelPath, int seconds, int blockSize)
    {
        if (seconds <= 0) throw new ArgumentOutOfRangeException(nameof(seconds));
        if (blockSize <= 0) throw new ArgumentOutOfRangeException(nameof(blockSize));
        var model = NamModelLoader.Load(modelPath);
        var network = model.Network;
        int frames = (int)(seconds * model.SampleRate);
        var input = TestSignal(frames, model.SampleRate);
        var output = new float[blockSize];
        network.Prepare(blockSize);

        double bestCpu = double.MaxValue, bestWall = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int pass = 0; pass < 6; pass++)
        {
            network.Reset();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (int start = 0; start < frames; start += blockSize)
            {
                int n = Math.Min(blockSize, frames - start);
                network.Process(input.AsSpan(start, n), output.AsSpan(0, n));
            }
            watch.Stop();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            if (pass == 0) continue; // JIT warm-up
            bestCpu = Math.Min(bestCpu, cpu > 0 ? cpu : watch.Elapsed.TotalSeconds);
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalSeconds);
        }
        return new Result(Path.GetFileName(modelPath), model.Architecture, blockSize, frames / model.SampleRate, bestCpu, bestWall);
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
