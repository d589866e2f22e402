using System.Diagnostics;

namespace NeuralSynth.Transcription.Tests;

/// <summary>Measures offline transcription speed on a single core.</summary>
internal static class TranscriptionBenchmark
{
    /// <summary>
    /// Transcribes <paramref name="seconds"/> of synthetic 44.1 kHz audio (a gliding tone over a few
    /// harmonics, so note creation has work to do) with one ONNX Runtime thread, and returns the
    /// real-time factor: processing time divided by audio duration (below 1 is faster than real time).
    /// A short warm-up run is excluded so session initialisation does not count.
    /// </summary>
    public static double Run(string modelPath, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        const int rate = 44100;
        float[] audio = Synthesize((int)Math.Ceiling(seconds * rate), rate);
        using var transcriber = new BasicPitchTranscriber(modelPath, new BasicPitchOptions { IntraOpNumThreads = 1 });
        transcriber.Transcribe(audio.AsSpan(0, Math.Min(audio.Length, rate)).ToArray(), rate);

        var watch = Stopwatch.StartNew();
        transcriber.Transcribe(audio, rate);
        watch.Stop();
        return watch.Elapsed.TotalSeconds / (audio.Length / (double)rate);
    }

    private static float[] Synthesize(int length, int rate)
    {
        var audio = new float[length];
        double phase = 0;
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / rate;
            double midi = 60 + 7 * Math.Floor(t * 2 % 4);
            phase += 2 * Math.PI * 440.0 * Math.Pow(2, (midi - 69) / 12.0) / rate;
            double envelope = 0.5 - 0.4 * (t * 2 % 1.0);
            audio[i] = (float)(envelope * (0.6 * Math.Sin(phase) + 0.25 * Math.Sin(2 * phase) + 0.1 * Math.Sin(3 * phase)));
        }

        return audio;
    }
}
