namespace NeuralSynth.Engine.Dsp.Resampling;

/// <summary>
/// A Kaiser-windowed sinc low-pass, tabulated finely in "input sample" units so a resampler can evaluate it
/// at any fractional offset by linear interpolation (512 points per input sample keeps the interpolation
/// error near -100 dB).
/// </summary>
internal sealed class WindowedSincTable
{
    private const int PointsPerSample = 512;
    private readonly float[] _table;

    /// <param name="cutoff">Cutoff as a fraction of the input rate (0 &lt; cutoff ≤ 0.5).</param>
    /// <param name="halfWidth">Half the kernel length, in input samples.</param>
    /// <param name="beta">Kaiser window shape; 9 gives about 90 dB of stopband rejection.</param>
    public WindowedSincTable(double cutoff, int halfWidth, double beta)
    {
        HalfWidth = halfWidth;
        _table = new float[2 * halfWidth * PointsPerSample + 2];
        double i0Beta = KaiserWindow.BesselI0(beta);
        for (int k = 0; k < _table.Length; k++)
        {
            double tau = (double)k / PointsPerSample - halfWidth;
            double ratio = tau / halfWidth;
            if (Math.Abs(ratio) >= 1) continue;
            double window = KaiserWindow.BesselI0(beta * Math.Sqrt(1 - ratio * ratio)) / i0Beta;
            double x = 2 * cutoff * tau;
            double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
            _table[k] = (float)(2 * cutoff * sinc * window);
        }
    }

    public int HalfWidth { get; }

    /// <summary>Kernel value at offset <paramref name="tau"/> (input samples), |tau| &lt; HalfWidth.</summary>
    public float At(double tau)
    {
        double position = (tau + HalfWidth) * PointsPerSample;
        int index = (int)position;
        if ((uint)index >= (uint)(_table.Length - 1)) return 0f;
        float frac = (float)(position - index);
        return _table[index] + frac * (_table[index + 1] - _table[index]);
    }
}
