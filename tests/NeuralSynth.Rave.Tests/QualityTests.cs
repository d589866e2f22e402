using NeuralSynth.Engine.Audio;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Dsp;
using NeuralSynth.Rave.Inference;
using Xunit;

namespace NeuralSynth.Rave.Tests;

/// <summary>
/// Regression tests for issue 14's diagnosis of the drone (models/rave/README.md, "Why fluid-small was a drone"),
/// on a held-out render: <c>Data/heldout_violin.wav</c>, 4 s of a JSB test-split chorale voice played by the
/// FluidR3 violin at velocities 75..89, which the training renders never use. Each test runs in about a second.
/// </summary>
public class QualityTests
{
    private static readonly Lazy<float[]> Clip = new(() =>
    {
        var file = AudioFile.Read(Path.Combine(TestModel.Root, "tests", "NeuralSynth.Rave.Tests", "Data", "heldout_violin.wav"));
        Assert.Equal(48000, file.SampleRate);
        return file.Channels[0];
    });

    /// <summary>The whole signal through encoder, controls and decoder in one chunk, the model's delay removed.</summary>
    private static float[] Run(float[] x, LatentControlFrame? controls = null)
    {
        var model = TestModel.Model;
        int ratio = model.Manifest.CompressionRatio, delay = model.Manifest.ModelDelaySamples;
        int padded = (x.Length + delay + ratio - 1) / ratio * ratio;
        using var engine = new RaveEngine(model, padded);
        x.CopyTo(engine.Input[0], 0);
        engine.Process(controls ?? new LatentControlFrame());
        return engine.Output[0].AsSpan(delay, x.Length).ToArray();
    }

    private static double[] Envelope(ReadOnlySpan<float> x, int hop = 2400)
    {
        var e = new double[x.Length / hop];
        for (int f = 0; f < e.Length; f++)
        {
            double s = 0;
            foreach (float v in x.Slice(f * hop, hop)) s += (double)v * v;
            e[f] = Math.Sqrt(s / hop);
        }
        return e;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.Sqrt(saa * sbb + 1e-30);
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double s = 0;
        foreach (float v in x) s += (double)v * v;
        return Math.Sqrt(s / x.Length);
    }

    /// <summary>Finding 1: the PQMF pair is not the cause. On its own it reconstructs the render at 63 dB (recipe's
    /// diagnose.py); a wrong design (cutoff, phases, taps) falls far below 60 dB.</summary>
    [Fact]
    public void Pqmf_pair_alone_reconstructs_a_held_out_render_above_60_dB()
    {
        var p = TestModel.Model.Manifest.Pqmf!;
        var filters = new PqmfFilters(p.Bands, p.Taps, p.Cutoff, p.Beta);
        float[] x = Clip.Value;
        int n = x.Length / filters.Bands * filters.Bands, d = filters.Delay;
        var bands = new float[n];
        var y = new float[n];
        new PqmfAnalysis(filters, n).Process(x.AsSpan(0, n), bands);
        new PqmfSynthesis(filters, n / filters.Bands).Process(bands, y);
        double signal = 0, error = 0;
        for (int i = 0; i < n - d; i++)
        {
            signal += (double)x[i] * x[i];
            error += (double)(y[i + d] - x[i]) * (y[i + d] - x[i]);
        }
        Assert.InRange(10 * Math.Log10(signal / error), 60, double.PositiveInfinity);
    }

    /// <summary>Finding 4: the drone's decoder output moved by 0.0% when latent 0 moved by one standard deviation
    /// (its encoder's latents barely varied, so the export's PCA made one deviation a tiny step). A model that plays
    /// must audibly respond to a one-deviation move of its main latent.</summary>
    [Fact]
    public void Decoder_output_moves_when_latent_0_moves_one_deviation()
    {
        float[] x = Clip.Value;
        float[] plain = Run(x);
        var controls = new LatentControlFrame();
        controls.Bias[0] = 1f;
        float[] moved = Run(x, controls);
        var diff = new float[x.Length];
        for (int i = 0; i < x.Length; i++) diff[i] = moved[i] - plain[i];
        Assert.InRange(Rms(diff) / Rms(plain), 0.05, double.PositiveInfinity);
    }

    /// <summary>The symptom itself: the drone's 50 ms RMS envelope correlated with its input's at -0.20 on this clip
    /// and it played the same spectrum for silence. A model that follows its input must do neither.</summary>
    [Fact]
    public void Output_loudness_follows_the_input()
    {
        float[] x = Clip.Value;
        float[] y = Run(x);
        Assert.InRange(Correlation(Envelope(x), Envelope(y)), QualityBounds.EnvelopeCorrelation, 1.0);
    }

    /// <summary>Issue 14's pitch goal on this clip: the output plays the input's notes. The oracle is YIN (<see cref="Yin"/>),
    /// not the model: median |f0 error| on frames voiced in both, and how many of the input's voiced frames are voiced
    /// in the output at all (a noisy, aperiodic output can score a low median on the few frames it voices).</summary>
    [Fact]
    public void Output_plays_the_input_pitch()
    {
        float[] x = Clip.Value;
        var (cents, voiced) = Yin.Compare(Yin.Track(x), Yin.Track(Run(x)));
        Assert.True(cents <= QualityBounds.MedianPitchErrorCents, $"median pitch error {cents:0.0} cents (measured 7.1 when set)");
        Assert.True(voiced >= QualityBounds.VoicedShare, $"voiced on {voiced:P0} of the input's voiced frames (measured 98 % when set)");
    }

    /// <summary>Transpose on a model with a pitch latent: the output plays the input's notes an octave higher, by the
    /// same YIN oracle and bounds as <see cref="Output_plays_the_input_pitch"/>. Measured when set: 7.2 cents, voiced
    /// on 98.7 % (−12: 7.3 cents, 94.8 %; −5: 7.1, 97.4 %; +7: 7.2, 98.4 %).</summary>
    [Fact]
    public void Transpose_up_an_octave_plays_the_input_an_octave_higher()
    {
        float[] x = Clip.Value;
        float[] y = Run(x, new LatentControlFrame { Transpose = 12 });
        var octaveUp = Yin.Track(x).Select(f => f with { Hz = f.Hz * 2 }).ToArray();
        var (cents, voiced) = Yin.Compare(octaveUp, Yin.Track(y));
        Assert.True(cents <= QualityBounds.MedianPitchErrorCents, $"median error against the input an octave up {cents:0.0} cents");
        Assert.True(voiced >= QualityBounds.VoicedShare, $"voiced on {voiced:P0} of the input's voiced frames");
    }

    [Fact]
    public void Silence_in_gives_near_silence_out()
    {
        float[] x = Clip.Value;
        double playing = Rms(Run(x));
        double silent = Rms(Run(new float[x.Length]));
        Assert.InRange(silent / playing, 0, QualityBounds.SilenceRatio);
    }
}

/// <summary>The shipped model (step 51581, harmonic branch) measures on this clip: envelope correlation 0.93 and
/// silence ratio 0.000 (PyTorch, recipe/evaluate.py's measures), median pitch error 7.1 cents and voiced on 98 % of
/// the input's voiced frames (here, in C#; PyTorch agrees). The export before it (step 31263, no harmonic branch):
/// 119.5 cents, 40 %. The drone: envelope −0.20, silence ratio 1.00. The
/// envelope and silence bounds sit between the drone and a playing model; the pitch bounds near what this model
/// does (issue 14's goal is 50 cents), so a regression in pitch tracking or voicing fails.</summary>
internal static class QualityBounds
{
    public const double EnvelopeCorrelation = 0.8;
    public const double SilenceRatio = 0.1;
    public const double MedianPitchErrorCents = 15;
    public const double VoicedShare = 0.9;
}
