namespace NeuralSynth.Engine.Dsp.Resampling;

/// <summary>
/// The low-pass for converting between a host's rate and a model's on the audio thread: a Kaiser-windowed sinc
/// (β 9) centred at 0.47 × the lower of the two rates, 96 taps at the lower rate. The passband is flat within
/// 0.01 dB up to 0.44 × the lower rate (19.4 kHz for 44.1 kHz), with at least 85 dB rejection from 0.5 × the lower
/// rate (its Nyquist) up. Weights come from a finely tabulated kernel, so any fraction costs an interpolation.
/// </summary>
public sealed class RealtimeSincLowpass : IResamplingFilter
{
    private const int HalfWidthAtLowerRate = 48;
    private const double Beta = 9.0;
    private const double CutoffOfLowerRate = 0.47;

    private readonly WindowedSincTable _kernel;
    private readonly int _halfWidth;

    private RealtimeSincLowpass(int inputRate, int outputRate)
    {
        double lower = Math.Min(inputRate, outputRate);
        _halfWidth = (int)Math.Ceiling(HalfWidthAtLowerRate * inputRate / lower);
        _kernel = new WindowedSincTable(CutoffOfLowerRate * lower / inputRate, _halfWidth, Beta);
    }

    /// <summary>The design for converting from <paramref name="inputRate"/> to <paramref name="outputRate"/>.</summary>
    public static RealtimeSincLowpass ForRates(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        return new RealtimeSincLowpass(inputRate, outputRate);
    }

    public int TapCount => 2 * _halfWidth;

    public int FirstTapOffset => 1 - _halfWidth;

    /// <summary>Per-output weights are added tap by tap, as this design always has done there.</summary>
    public bool SumsTapByTap => true;

    public void FillWeights(double fraction, Span<float> weights)
    {
        for (int m = 0; m < weights.Length; m++) weights[m] = _kernel.At(_halfWidth - 1 - m + fraction);
    }
}
