using System.Diagnostics;
using NeuralSynth.Rave.Inference;
using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Tests;

/// <summary>Real-time factors (compute time ÷ audio time; below 1 is faster than real time) on the calling
/// thread with one ONNX Runtime thread.</summary>
internal sealed record RaveBenchmarkResult(string Model, int SampleRate, int ChunkSize, double AudioSeconds,
    double DecodeRealTimeFactor, double EncodeRealTimeFactor, string Provider)
{
    public double DecodeTimesRealTime => 1 / DecodeRealTimeFactor;
}

internal static class RaveBenchmark
{
    /// <summary>
    /// Streams <paramref name="seconds"/> of audio through the model chunk by chunk and times the decode stage
    /// (decoder graph + PQMF synthesis) and the encode stage (PQMF analysis + encoder graph) separately. The
    /// latents decoded are the encoder's own (from a deterministic test signal), so the decoder sees realistic input.
    /// </summary>
    public static RaveBenchmarkResult Run(string modelDir, double seconds, int chunkSize = 0, string provider = "cpu")
    {
        if (!(seconds > 0 && seconds <= 600)) throw new ArgumentOutOfRangeException(nameof(seconds));
        using var model = RaveModel.Load(modelDir, provider);
        var m = model.Manifest;
        int chunk = chunkSize == 0 ? m.DefaultChunkSize : chunkSize;
        using var engine = new RaveEngine(model, chunk);
        int chunks = Math.Max(1, (int)Math.Ceiling(seconds * m.SampleRate / chunk));
        var latents = new float[chunks][];
        long encodeTicks = 0, decodeTicks = 0;
        var phase = 0.0;
        for (int k = 0; k < chunks; k++)
        {
            foreach (var channel in engine.Input)
                for (int i = 0; i < chunk; i++)
                {
                    phase += 2 * Math.PI * (220 + 110 * Math.Sin(k * 0.1)) / m.SampleRate;
                    channel[i] = (float)(0.3 * Math.Sin(phase));
                }
            long t0 = Stopwatch.GetTimestamp();
            engine.Encode();
            encodeTicks += Stopwatch.GetTimestamp() - t0;
            latents[k] = engine.EncodedLatents.ToArray();
        }
        engine.Reset();
        Decode(engine, latents[0]); // warm-up: first run pays for lazy initialisation
        engine.Reset();
        for (int k = 0; k < chunks; k++)
        {
            long t0 = Stopwatch.GetTimestamp();
            Decode(engine, latents[k]);
            decodeTicks += Stopwatch.GetTimestamp() - t0;
        }
        double audio = (double)chunks * chunk / m.SampleRate;
        return new RaveBenchmarkResult(m.Name, m.SampleRate, chunk, audio,
            decodeTicks / (double)Stopwatch.Frequency / audio, encodeTicks / (double)Stopwatch.Frequency / audio, provider);
    }

    private static void Decode(RaveEngine engine, float[] latents)
    {
        latents.CopyTo(engine.DecoderInput);
        engine.Decode();
    }
}
