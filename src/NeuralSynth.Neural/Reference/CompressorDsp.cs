namespace NeuralSynth.Neural.Reference;

/// <summary>
/// Feed-forward peak compressor: a one-pole envelope follower on |x| (attack 2 ms, release 40 ms), a gain
/// computer in dB with a 6 dB soft knee (Giannoulis, Massberg &amp; Reiss 2012), threshold -36..-6 dB from
/// <c>threshold</c>, ratio 1..8 from <c>ratio</c>, and make-up gain of half the gain reduction a 0 dBFS signal
/// would get, so settings stay roughly loudness-matched. The time constants are short on purpose: they are
/// what a 16..32-unit LSTM can still track sample by sample.
/// </summary>
internal sealed class CompressorDsp : IReferenceEffect
{
    public const double MinThresholdDb = -36, MaxThresholdDb = -6;
    public const double MinRatio = 1, MaxRatio = 8;
    public const double AttackMs = 2, ReleaseMs = 40;
    public const double KneeDb = 6;

    private static readonly string[] Names = ["threshold", "ratio"];
    private readonly float _attack, _release;
    private float _thresholdKnob = 0.5f, _ratioKnob = 0.5f;
    private float _thresholdDb, _slope, _makeupDb;
    private float _envelope;

    public CompressorDsp(double sampleRate)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate));
        _attack = (float)Math.Exp(-1000 / (AttackMs * sampleRate));
        _release = (float)Math.Exp(-1000 / (ReleaseMs * sampleRate));
        UpdateCoefficients();
    }

    public IReadOnlyList<string> KnobNames => Names;

    public void SetKnob(int index, float value)
    {
        value = Math.Clamp(value, 0f, 1f);
        if (index == 0) _thresholdKnob = value;
        else if (index == 1) _ratioKnob = value;
        else throw new ArgumentOutOfRangeException(nameof(index));
        UpdateCoefficients();
    }

    public void Reset() => _envelope = 0;

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float x = input[i];
            float level = MathF.Abs(x);
            float a = level > _envelope ? _attack : _release;
            _envelope = a * _envelope + (1 - a) * level;
            float gainDb = GainDb(20 * MathF.Log10(MathF.Max(_envelope, 1e-6f))) + _makeupDb;
            output[i] = x * MathF.Pow(10, gainDb / 20);
        }
    }

    /// <summary>Static curve: gain change in dB (≤ 0) for an envelope level in dB.</summary>
    public float GainDb(float levelDb)
    {
        float over = levelDb - _thresholdDb;
        const float halfKnee = (float)(KneeDb / 2);
        if (over <= -halfKnee) return 0;
        if (over >= halfKnee) return -_slope * over;
        float t = over + halfKnee;
        return -_slope * t * t / (2 * (float)KneeDb);
    }

    private void UpdateCoefficients()
    {
        _thresholdDb = (float)(MinThresholdDb + (MaxThresholdDb - MinThresholdDb) * _thresholdKnob);
        double ratio = MinRatio + (MaxRatio - MinRatio) * _ratioKnob;
        _slope = (float)(1 - 1 / ratio);
        _makeupDb = 0.5f * _slope * -_thresholdDb;
    }
}
