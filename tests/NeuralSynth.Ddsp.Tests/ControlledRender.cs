using NeuralSynth.Ddsp.Analysis;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// Renders per-frame controls (f0, loudness at 250 Hz, as the recipe's data holds them) through the product's
/// synthesis chain at 48 kHz: a decoder (batch, HarmonicLimiter, NoiseBandMap, DecodedMonoSynth), or the flat
/// harmonic baseline of models/ddsp/recipe/evaluate.py through the same synth. The synth ramps from the
/// previous frame to the one it receives over a frame, so frame i is decoded from the controls of frame i + 1:
/// the values then land at sample (i + 1)·hop, where the recipe's synth puts them.
/// </summary>
internal static class ControlledRender
{
    public const double SampleRate = 48000;
    private const int TicksPerFrame = 6;                  // 192 samples = 250 frames/s at 48 kHz
    private const int Hop = TicksPerFrame * SynthEngine.ControlInterval;

    public static (float[] F0Hz, float[] LoudnessDb) ReadControls(string csvPath)
    {
        var rows = File.ReadAllLines(csvPath).Skip(1).Select(line => line.Split(',')).ToArray();
        return (rows.Select(r => float.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                rows.Select(r => float.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    public static float[] Decoder(DecoderModel model, float[] f0, float[] loudness)
    {
        var m = model.Manifest;
        using var batch = model.CreateBatch(1);
        var bands = new NoiseBandMap(SampleRate, m.SampleRate, m.BandMaxHz, m.NoiseBands);
        var harmonics = new float[SynthEngine.MaxHarmonics];
        var noise = new float[NeuralSynth.Engine.Dsp.FilteredNoise.BandCount];
        return Render(f0, (j, synth) =>
        {
            batch.StateOut.AsSpan(0, batch.StateSize).CopyTo(batch.StateIn);
            batch.F0Hz[0] = f0[j];
            batch.LoudnessDb[0] = loudness[j];
            batch.Run(1);
            int count = Math.Min(batch.Harmonics, harmonics.Length);
            for (int k = 0; k < count; k++) harmonics[k] = batch.Amplitude[0] * batch.Distribution[k];
            HarmonicLimiter.Apply(harmonics.AsSpan(0, count), f0[j], SampleRate);
            bands.Map(batch.Noise.AsSpan(0, batch.Bands), noise);
            synth.ReceiveFrame(harmonics, noise, 1f);
        });
    }

    /// <summary>Equal amplitudes on every harmonic below the band limit (fading from 0.8 to 0.95 of 24 kHz), level
    /// set so the A-weighted power equals the frame's loudness, no noise.</summary>
    public static float[] FlatBaseline(float[] f0, float[] loudness, double bandMaxHz = 24000)
    {
        var harmonics = new float[SynthEngine.MaxHarmonics];
        var silence = new float[NeuralSynth.Engine.Dsp.FilteredNoise.BandCount];
        return Render(f0, (j, synth) =>
        {
            double sum = 0, weighted = 0;
            for (int k = 0; k < harmonics.Length; k++)
            {
                double hz = (k + 1) * (double)f0[j];
                harmonics[k] = (float)Math.Clamp((0.95 * bandMaxHz - hz) / (0.15 * bandMaxHz), 0, 1);
                sum += harmonics[k];
            }
            for (int k = 0; k < harmonics.Length; k++)
            {
                double c = harmonics[k] / Math.Max(sum, 1e-7), a = AWeighting.Gain((k + 1) * (double)f0[j]);
                weighted += c * c * a * a;
            }
            double amplitude = Math.Sqrt(Math.Pow(10, loudness[j] / 10.0) / Math.Max(weighted / 2, 1e-12));
            for (int k = 0; k < harmonics.Length; k++) harmonics[k] = (float)(amplitude * harmonics[k] / Math.Max(sum, 1e-7));
            synth.ReceiveFrame(harmonics, silence, 1f);
        });
    }

    private static float[] Render(float[] f0, Action<int, DecodedMonoSynth> frame)
    {
        var synth = new DecodedMonoSynth();
        var output = new float[f0.Length * Hop];
        for (int i = 0; i < f0.Length; i++)
        {
            int next = Math.Min(i + 1, f0.Length - 1);
            frame(next, synth);
            for (int t = 0; t < TicksPerFrame; t++)
            {
                // f0 at the middle of the tick, linear between frames as in the recipe's synth.
                double at = (t * SynthEngine.ControlInterval + SynthEngine.ControlInterval / 2.0) / Hop;
                synth.Tick(f0[i] + (f0[next] - f0[i]) * at, SampleRate, t, TicksPerFrame);
                synth.Render(output.AsSpan(i * Hop + t * SynthEngine.ControlInterval, SynthEngine.ControlInterval));
            }
        }
        return output;
    }
}
