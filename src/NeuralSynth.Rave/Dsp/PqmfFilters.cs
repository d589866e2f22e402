namespace NeuralSynth.Rave.Dsp;

/// <summary>
/// The cosine-modulated pseudo-QMF filter bank, designed from the four numbers a model's manifest stores
/// (bands, taps, cutoff, Kaiser beta) exactly as models/rave/recipe/pqmf.py designs it, so a model ships no
/// coefficient file. The taps are laid out for the polyphase streaming form used by <see cref="PqmfAnalysis"/>
/// and <see cref="PqmfSynthesis"/>: every output value is one contiguous dot product of length <see cref="Taps"/>.
/// </summary>
internal sealed class PqmfFilters
{
    public PqmfFilters(int bands, int taps, double cutoff, double beta)
    {
        if (bands < 2 || bands > 64) throw new ArgumentOutOfRangeException(nameof(bands));
        if (taps < 2 * bands || taps > 8192 || taps % bands != 0 || taps % 2 != 0) throw new ArgumentOutOfRangeException(nameof(taps));
        if (!(cutoff > 0 && cutoff < Math.PI)) throw new ArgumentOutOfRangeException(nameof(cutoff));
        if (!(beta >= 0 && beta < 50)) throw new ArgumentOutOfRangeException(nameof(beta));
        Bands = bands;
        Taps = taps;
        double[] prototype = Prototype(taps, cutoff, beta);
        AnalysisReversed = new float[bands][];
        SynthesisByPhase = new float[bands][];
        int frames = taps / bands;
        for (int k = 0; k < bands; k++) AnalysisReversed[k] = new float[taps];
        for (int r = 0; r < bands; r++) SynthesisByPhase[r] = new float[taps];
        for (int k = 0; k < bands; k++)
        {
            double sign = (k % 2 == 0 ? 1 : -1) * Math.PI / 4;
            for (int i = 0; i < taps; i++)
            {
                double n = i - (taps - 1) / 2.0;
                double phase = (2 * k + 1) * Math.PI / (2 * bands) * n;
                double analysis = 2 * prototype[i] * Math.Cos(phase + sign);
                double synthesis = 2 * prototype[i] * Math.Cos(phase - sign);
                // Analysis: band k at frame t = sum_j h_k[j] x[tM + M-1 - j]; reversed so the window is ascending.
                AnalysisReversed[k][taps - 1 - i] = (float)analysis;
                // Synthesis: y[tM + r] = M sum_{k,q} g_k[qM + r] x_k[t - q]; frame-major window, oldest frame first.
                int q = i / bands, r = i % bands;
                SynthesisByPhase[r][(frames - 1 - q) * bands + k] = (float)(bands * synthesis);
            }
        }
    }

    public int Bands { get; }
    public int Taps { get; }

    /// <summary>Samples by which synthesis(analysis(x)) lags x.</summary>
    public int Delay => Taps - Bands;

    /// <summary>[band][j]: analysis filter of band k, time-reversed.</summary>
    internal float[][] AnalysisReversed { get; }

    /// <summary>[phase r][frame-major window index]: weights giving output sample r of a frame.</summary>
    internal float[][] SynthesisByPhase { get; }

    /// <summary>Kaiser-windowed sinc low-pass (numpy.kaiser's window), cutoff in radians per sample.</summary>
    internal static double[] Prototype(int taps, double cutoff, double beta)
    {
        var h = new double[taps];
        double i0Beta = BesselI0(beta);
        for (int i = 0; i < taps; i++)
        {
            double n = i - (taps - 1) / 2.0; // taps is even, so n is never zero
            double ratio = 2.0 * i / (taps - 1) - 1.0;
            double window = BesselI0(beta * Math.Sqrt(Math.Max(0, 1 - ratio * ratio))) / i0Beta;
            h[i] = Math.Sin(cutoff * n) / (Math.PI * n) * window;
        }
        return h;
    }

    /// <summary>Modified Bessel function of the first kind, order 0, by its power series (converges for all x).</summary>
    internal static double BesselI0(double x)
    {
        double sum = 1, term = 1, quarter = x * x / 4;
        for (int k = 1; k < 500; k++)
        {
            term *= quarter / ((double)k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }
}
