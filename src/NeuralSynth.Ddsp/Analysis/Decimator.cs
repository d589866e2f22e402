namespace NeuralSynth.Ddsp.Analysis;

/// <summary>
/// Streaming integer-factor decimator (windowed-sinc low-pass, then every Factor-th sample) so pitch detection
/// runs near 16 kHz whatever the host rate: YIN's cost grows with the square of the rate.
/// </summary>
internal sealed class Decimator
{
    private const int Taps = 33;
    private readonly float[] _kernel = new float[Taps];
    private readonly float[] _history = new float[2 * Taps];
    private int _write;
    private int _phase;

    public Decimator(double sampleRate, double targetRate = 16000)
    {
        Factor = Math.Max(1, (int)(sampleRate / targetRate));
        OutputRate = sampleRate / Factor;
        double cutoff = 0.45 / Factor; // cycles per input sample: just below the output Nyquist
        double sum = 0;
        for (int i = 0; i < Taps; i++)
        {
            double m = i - (Taps - 1) / 2.0;
            double sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            double hamming = 0.54 - 0.46 * Math.Cos(2 * Math.PI * i / (Taps - 1));
            _kernel[i] = (float)(sinc * hamming);
            sum += _kernel[i];
        }
        for (int i = 0; i < Taps; i++) _kernel[i] /= (float)sum;
    }

    public int Factor { get; }
    public double OutputRate { get; }

    /// <summary>Delay of the filter in input samples.</summary>
    public int DelaySamples => (Taps - 1) / 2;

    public void Reset()
    {
        Array.Clear(_history);
        _write = 0;
        _phase = 0;
    }

    /// <summary>Pushes one input sample; returns true and the output when a decimated sample is due.</summary>
    public bool Push(float sample, out float output)
    {
        // The history is stored twice so the last Taps samples are always one contiguous span.
        _history[_write] = sample;
        _history[_write + Taps] = sample;
        _write = (_write + 1) % Taps;
        output = 0f;
        if (++_phase < Factor) return false;
        _phase = 0;
        output = System.Numerics.Tensors.TensorPrimitives.Dot(_kernel, _history.AsSpan(_write, Taps));
        return true;
    }
}
