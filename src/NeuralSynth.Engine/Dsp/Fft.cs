namespace NeuralSynth.Engine.Dsp;

/// <summary>In-place radix-2 complex FFT for analysis (spectrograms, spectral losses); not for the audio thread.</summary>
public sealed class Fft
{
    private readonly int _size;
    private readonly double[] _cos, _sin;
    private readonly int[] _bitReverse;

    public Fft(int size)
    {
        if (size < 2 || (size & (size - 1)) != 0) throw new ArgumentException("FFT size must be a power of two", nameof(size));
        _size = size;
        _cos = new double[size / 2];
        _sin = new double[size / 2];
        for (int i = 0; i < size / 2; i++)
        {
            _cos[i] = Math.Cos(-2 * Math.PI * i / size);
            _sin[i] = Math.Sin(-2 * Math.PI * i / size);
        }
        _bitReverse = new int[size];
        int bits = System.Numerics.BitOperations.Log2((uint)size);
        for (int i = 0; i < size; i++)
        {
            int r = 0;
            for (int b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
            _bitReverse[i] = r;
        }
    }

    public int Size => _size;

    public void Forward(Span<double> re, Span<double> im)
    {
        for (int i = 0; i < _size; i++)
        {
            int j = _bitReverse[i];
            if (j > i)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }
        for (int length = 2; length <= _size; length <<= 1)
        {
            int half = length / 2, stride = _size / length;
            for (int start = 0; start < _size; start += length)
            {
                for (int k = 0; k < half; k++)
                {
                    double wr = _cos[k * stride], wi = _sin[k * stride];
                    int a = start + k, b = a + half;
                    double tr = re[b] * wr - im[b] * wi, ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /// <summary>Magnitude spectrum (bins 0..size/2) of a Hann-windowed frame.</summary>
    public void Magnitudes(ReadOnlySpan<float> frame, Span<double> magnitudes)
    {
        var re = new double[_size];
        var im = new double[_size];
        for (int i = 0; i < _size && i < frame.Length; i++)
            re[i] = frame[i] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / _size));
        Forward(re, im);
        for (int k = 0; k <= _size / 2; k++) magnitudes[k] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
    }
}
