using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Cli.Bench;

public sealed record BenchResult(string Name, double AudioSeconds, double CpuSeconds)
{
    /// <summary>Audio seconds produced per CPU second: above 1 is faster than real time.</summary>
    public double RealTimeFactor => AudioSeconds / CpuSeconds;
}

/// <summary>Times the synth with N held voices against the scalar reference, in one run, on the calling thread.</summary>
public static class SynthBenchmark
{
    public static (BenchResult Engine, BenchResult Reference) Run(int voices, int harmonics, int sampleRate, int blockSize, double seconds, float noiseDb = -80f)
    {
        var engine = new SynthEngine();
        engine.Prepare(sampleRate, blockSize, 2);
        engine.Parameters.SetImmediate(SynthParameters.Polyphony, 64);
        engine.Parameters.SetImmediate(SynthParameters.HarmonicCount, harmonics);
        engine.Parameters.SetImmediate(SynthParameters.Brightness, 20000);
        engine.Parameters.SetImmediate(SynthParameters.Sustain, 100);
        engine.Parameters.SetImmediate(SynthParameters.VibratoDepth, 20);
        engine.Parameters.SetImmediate(SynthParameters.NoiseLevel, noiseDb); // keeps pitch moving so every tick does real work

        var notes = new EngineEvent[voices];
        var frequencies = new double[voices];
        for (int v = 0; v < voices; v++)
        {
            int note = 36 + v % 25; // up to C4: 64 harmonics stay below Nyquist at 44.1 kHz and above
            notes[v] = EngineEvent.NoteOn(0, note, 0.8f, channel: v / 25); // (channel, note) pairs are distinct voices
            frequencies[v] = 440 * Math.Pow(2, (note - 69) / 12.0);
        }

        var buffers = new[] { new float[blockSize], new float[blockSize] };
        var block = new AudioBlock(buffers, 0, blockSize);
        engine.Process(block, notes);
        // Warm-up long enough for the JIT to reach its optimized tier before timing starts.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 300; i++) engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
            Thread.Sleep(150);
        }
        if (engine.ActiveVoices < Math.Min(voices, 64)) throw new InvalidOperationException($"only {engine.ActiveVoices} voices sounding");

        long blocks = (long)(seconds * sampleRate / blockSize);
        double engineCpu = ThreadCpuClock.Measure(() =>
        {
            for (long i = 0; i < blocks; i++) engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
        });

        // The reference is slow: time a shorter stretch and scale by audio seconds.
        var reference = new ScalarReferenceSynth(frequencies, harmonics, sampleRate);
        long referenceBlocks = Math.Max(1, blocks / 10);
        reference.Render(buffers[0]);
        double referenceCpu = ThreadCpuClock.Measure(() =>
        {
            for (long i = 0; i < referenceBlocks; i++) reference.Render(buffers[0]);
        });

        return (new BenchResult($"engine ({voices} voices x {harmonics} harmonics)", (double)blocks * blockSize / sampleRate, engineCpu),
                new BenchResult("scalar reference (Math.Sin per partial)", (double)referenceBlocks * blockSize / sampleRate, referenceCpu));
    }
}
