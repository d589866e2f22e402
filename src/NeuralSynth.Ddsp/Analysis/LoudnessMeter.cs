using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Ddsp.Analysis;

/// <summary>
/// The decoder's loudness feature, exactly as the recipe computes it for training (common.loudness_db):
/// 10·log10 of the A-weighted mean power of a 32 ms periodic-Hann window, floored at -100 dB. Buffers are
/// allocated once, so <see cref="Measure"/> is allocation-free.
/// </summary>
internal sealed class LoudnessMeter
{
    public const double WindowSeconds = 0.032;
    public const float FloorDb = -100f;

    private readonly float[] _window;
    private readonly double[] _weights;
    private readonly double[] _re, _im;
    private readonly Fft _fft;

    public LoudnessMeter(double sampleRate)
    {
        int length = (int)Math.Round(WindowSeconds * sampleRate);
        int size = 1;
        while (size < length) size <<= 1;
        _window = new float[length];
        double windowEnergy = 0;
        for (int n = 0; n < length; n++)
        {
            _window[n] = (float)(0.5 - 0.5 * Math.Cos(2 * Math.PI * n / length));
            windowEnergy += (double)_window[n] * _window[n];
        }
        _weights = new double[size / 2 + 1];
        for (int k = 0; k <= size / 2; k++)
        {
            double a = AWeighting.Gain(k * sampleRate / size);
            double oneSided = k == 0 || k == size / 2 ? 1.0 : 2.0;
            _weights[k] = a * a * oneSided / size / windowEnergy;
        }
        _re = new double[size];
        _im = new double[size];
        _fft = new Fft(size);
    }

    /// <summary>Samples the window covers; the feature describes the window's centre.</summary>
    public int WindowLength => _window.Length;

    /// <summary>Loudness in dB of the first <see cref="WindowLength"/> samples of <paramref name="samples"/>.</summary>
    public float Measure(ReadOnlySpan<float> samples)
    {
        Array.Clear(_re);
        Array.Clear(_im);
        for (int n = 0; n < _window.Length; n++) _re[n] = samples[n] * _window[n];
        _fft.Forward(_re, _im);
        double power = 0;
        for (int k = 0; k < _weights.Length; k++) power += (_re[k] * _re[k] + _im[k] * _im[k]) * _weights[k];
        return Math.Max((float)(10.0 * Math.Log10(power + 1e-30)), FloorDb);
    }
}
