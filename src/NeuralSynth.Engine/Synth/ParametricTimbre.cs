using System.Numerics.Tensors;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Synth;

/// <summary>
/// Harmonic distribution and noise response computed from knobs (spectral tilt, odd/even balance,
/// brightness, noise level and colour) — the stand-in for the neural decoder, which produces the same two
/// outputs per frame. The parameter-only parts are cached and rebuilt only when a parameter moves.
/// </summary>
public sealed class ParametricTimbre
{
    private readonly float[] _harmonicNumbers;
    private readonly float[] _baseDistribution;
    private readonly float[] _scratch;
    private readonly float[] _noiseMagnitudes = new float[FilteredNoise.BandCount];
    private int _cachedVersion = -1;
    private float _brightness;
    private float _harmonicGain;
    private int _harmonicCount;

    public ParametricTimbre(int maxHarmonics)
    {
        _harmonicNumbers = new float[maxHarmonics];
        for (int k = 0; k < maxHarmonics; k++) _harmonicNumbers[k] = k + 1;
        _baseDistribution = new float[maxHarmonics];
        _scratch = new float[maxHarmonics];
    }

    /// <summary>Noise band magnitudes (DC..Nyquist) for a voice at full level.</summary>
    public ReadOnlySpan<float> NoiseMagnitudes => _noiseMagnitudes;

    /// <summary>Rebuilds cached shapes when parameters changed since the last call.</summary>
    public void Update(ParameterValues values, double sampleRate, bool force = false)
    {
        if (!force && values.Version == _cachedVersion && !values.AnySmoothing) return;
        _cachedVersion = values.Version;

        float tilt = values.Get(SynthParameters.SpectralTilt);
        float oddEven = values.Get(SynthParameters.OddEven);
        _brightness = values.Get(SynthParameters.Brightness);
        _harmonicGain = DecibelsToGain(values.Get(SynthParameters.HarmonicLevel));
        _harmonicCount = (int)values.Get(SynthParameters.HarmonicCount);

        // Amplitude falls tilt dB per octave: a_k = k^(tilt / 20·log10 2).
        float exponent = tilt / 6.0206f;
        TensorPrimitives.Pow(_harmonicNumbers, exponent, _baseDistribution);
        float oddWeight = Math.Min(1f, 1f - oddEven), evenWeight = Math.Min(1f, 1f + oddEven);
        for (int k = 1; k < _baseDistribution.Length; k++)
            _baseDistribution[k] *= (k + 1) % 2 == 0 ? evenWeight : oddWeight;

        float noiseGain = DecibelsToGain(values.Get(SynthParameters.NoiseLevel));
        float color = values.Get(SynthParameters.NoiseColor) / 6.0206f;
        double nyquist = sampleRate / 2;
        for (int b = 0; b < FilteredNoise.BandCount; b++)
        {
            double frequency = Math.Max(b * nyquist / (FilteredNoise.BandCount - 1), 20.0);
            double shaped = Math.Pow(frequency / 1000.0, color) * Lowpass(frequency, _brightness);
            _noiseMagnitudes[b] = (float)(noiseGain * Math.Min(shaped, 16.0));
        }
    }

    /// <summary>
    /// Writes the harmonic amplitudes for fundamental <paramref name="f0"/>; returns how many are non-zero.
    /// Harmonics at or above 95% of Nyquist are removed, with a fade from 80% so sweeps never click.
    /// </summary>
    public int HarmonicAmplitudes(double f0, double sampleRate, Span<float> amplitudes)
    {
        amplitudes.Clear();
        double nyquist = sampleRate / 2;
        int count = Math.Min(_harmonicCount, Math.Min(amplitudes.Length, (int)(0.95 * nyquist / Math.Max(f0, 1.0))));
        if (count <= 0) return 0;

        Span<float> relative = _scratch.AsSpan(0, count);
        // Second-order roll-off above the brightness frequency: 1 / sqrt(1 + (f/fc)^4).
        TensorPrimitives.Multiply(_harmonicNumbers.AsSpan(0, count), (float)(f0 / _brightness), relative);
        TensorPrimitives.Multiply(relative, relative, relative);
        TensorPrimitives.MultiplyAdd(relative, relative, 1f, relative);
        TensorPrimitives.ReciprocalSqrt(relative, relative);
        Span<float> output = amplitudes[..count];
        TensorPrimitives.Multiply(relative, _baseDistribution.AsSpan(0, count), output);

        double fadeStart = 0.8 * nyquist, fadeEnd = 0.95 * nyquist;
        for (int k = count - 1; k >= 0; k--)
        {
            double frequency = (k + 1) * f0;
            if (frequency <= fadeStart) break;
            output[k] *= (float)((fadeEnd - frequency) / (fadeEnd - fadeStart));
        }

        // DDSP normalizes the distribution to sum to one, so timbre and loudness are independent controls.
        float sum = TensorPrimitives.Sum(output);
        if (sum <= 1e-12f) return 0;
        TensorPrimitives.Multiply(output, _harmonicGain / sum, output);
        return count;
    }

    private static double Lowpass(double frequency, double cutoff)
    {
        double r = frequency / cutoff;
        return 1.0 / Math.Sqrt(1.0 + r * r * r * r);
    }

    private static float DecibelsToGain(float decibels) => decibels <= -80f ? 0f : MathF.Pow(10f, decibels / 20f);
}
