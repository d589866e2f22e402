using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class PitchTests
{
    [Fact]
    public void PureA4MeasuresFourHundredFortyHertzByZeroCrossings()
    {
        var engine = TestSupport.PreparedEngine(48000, 128, e => TestSupport.Steady(e, harmonics: 1));
        float[] audio = TestSupport.Render(engine, 48000 * 2, 128, [(0, EngineEvent.NoteOn(0, 69, 1f))]);
        double f0 = ZeroCrossingFrequency(audio.AsSpan(24000), 48000);
        Assert.InRange(f0, 439.5, 440.5);
    }

    [Theory]
    [InlineData(44100)]
    [InlineData(48000)]
    [InlineData(96000)]
    public void RichA4HasItsFundamentalAtFourHundredFortyHertz(int sampleRate)
    {
        var engine = TestSupport.PreparedEngine(sampleRate, 128, e => TestSupport.Steady(e, harmonics: 64));
        float[] audio = TestSupport.Render(engine, sampleRate * 4, 128, [(0, EngineEvent.NoteOn(0, 69, 1f))]);
        const int size = 1 << 17;
        var (re, im) = Spectrum(audio.AsSpan(audio.Length - size), size);
        double binHz = (double)sampleRate / size;
        int expected = (int)Math.Round(440 / binHz);
        int peak = expected - 20;
        for (int k = expected - 20; k <= expected + 20; k++) if (Power(re, im, k) > Power(re, im, peak)) peak = k;
        // Quadratic interpolation on log magnitudes around the peak bin.
        double a = Math.Log(Power(re, im, peak - 1)), b = Math.Log(Power(re, im, peak)), c = Math.Log(Power(re, im, peak + 1));
        double f0 = (peak + 0.5 * (a - c) / (a - 2 * b + c)) * binHz;
        Assert.InRange(f0, 439.5, 440.5);
    }

    [Theory]
    [InlineData(44100, 108)]
    [InlineData(44100, 96)]
    [InlineData(48000, 108)]
    [InlineData(48000, 100)]
    [InlineData(96000, 108)]
    [InlineData(96000, 120)]
    public void NoPartialAboveNyquistFoldsBack(int sampleRate, int note)
    {
        var engine = TestSupport.PreparedEngine(sampleRate, 128, e =>
        {
            TestSupport.Steady(e, harmonics: 100);
            e.Parameters.SetImmediate(SynthParameters.SpectralTilt, 0);
            e.Parameters.SetImmediate(SynthParameters.Brightness, 20000);
        });
        float[] audio = TestSupport.Render(engine, sampleRate, 128, [(0, EngineEvent.NoteOn(0, note, 1f))]);
        const int size = 1 << 14;
        var (re, im) = Spectrum(audio.AsSpan(audio.Length - size), size);
        double f0 = 440 * Math.Pow(2, (note - 69) / 12.0);
        double binHz = (double)sampleRate / size;

        double total = 0, stray = 0;
        for (int k = 1; k < size / 2; k++)
        {
            double p = Power(re, im, k);
            total += p;
            double harmonic = k * binHz / f0;
            bool nearHarmonic = Math.Abs(harmonic - Math.Round(harmonic)) * f0 < 4 * binHz && Math.Round(harmonic) >= 1;
            if (!nearHarmonic) stray += p;
        }
        Assert.True(total > 0);
        Assert.True(stray / total < 1e-6, $"energy away from harmonics (aliases): {10 * Math.Log10(stray / total):0.0} dB");
    }

    private static double ZeroCrossingFrequency(ReadOnlySpan<float> x, int sampleRate)
    {
        double first = -1, last = -1;
        int crossings = 0;
        for (int i = 1; i < x.Length; i++)
        {
            if (x[i - 1] < 0 && x[i] >= 0)
            {
                double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
                if (first < 0) first = t; else crossings++;
                last = t;
            }
        }
        return crossings / ((last - first) / sampleRate);
    }

    private static (double[] Re, double[] Im) Spectrum(ReadOnlySpan<float> x, int size)
    {
        var re = new double[size];
        var im = new double[size];
        for (int i = 0; i < size; i++)
        {
            // Blackman-Harris: sidelobes below -90 dB so leakage cannot pass for aliasing.
            double w = 0.35875 - 0.48829 * Math.Cos(2 * Math.PI * i / size) + 0.14128 * Math.Cos(4 * Math.PI * i / size) - 0.01168 * Math.Cos(6 * Math.PI * i / size);
            re[i] = x[i] * w;
        }
        new Fft(size).Forward(re, im);
        return (re, im);
    }

    private static double Power(double[] re, double[] im, int k) => re[k] * re[k] + im[k] * im[k] + 1e-30;
}
