namespace NeuralSynth.Engine.Dsp;

internal enum EnvelopeStage { Idle, Attack, Decay, Sustain, Release, FastRelease }

/// <summary>
/// Per-sample ADSR: linear attack from the current level (so retriggers never click), exponential decay
/// and release (times are to -60 dB), and a linear fast release used when a voice is stolen.
/// </summary>
internal struct AdsrEnvelope
{
    private const float SilenceLevel = 1e-5f;
    private const double LnThousand = 6.907755278982137;

    private float _attackStep;
    private float _decayCoefficient;
    private float _sustain;
    private float _releaseCoefficient;
    private float _fastReleaseStep;

    public EnvelopeStage Stage { get; private set; }
    public float Level { get; private set; }

    public readonly bool IsActive => Stage != EnvelopeStage.Idle;

    public void Configure(double sampleRate, float attackMs, float decayMs, float sustainLevel, float releaseMs, float fastReleaseMs = 3f)
    {
        _attackStep = (float)(1000.0 / (Math.Max(attackMs, 0.01) * sampleRate));
        _decayCoefficient = (float)Math.Exp(-LnThousand * 1000.0 / (Math.Max(decayMs, 0.01) * sampleRate));
        _sustain = Math.Clamp(sustainLevel, 0f, 1f);
        _releaseCoefficient = (float)Math.Exp(-LnThousand * 1000.0 / (Math.Max(releaseMs, 0.01) * sampleRate));
        _fastReleaseStep = (float)(1000.0 / (fastReleaseMs * sampleRate));
    }

    public void Trigger() => Stage = EnvelopeStage.Attack;

    public void Release()
    {
        if (Stage is EnvelopeStage.Attack or EnvelopeStage.Decay or EnvelopeStage.Sustain) Stage = EnvelopeStage.Release;
    }

    public void FastRelease()
    {
        if (Stage != EnvelopeStage.Idle) Stage = EnvelopeStage.FastRelease;
    }

    public void Reset()
    {
        Stage = EnvelopeStage.Idle;
        Level = 0f;
    }

    /// <summary>Writes one level per sample and advances.</summary>
    public void Render(Span<float> destination)
    {
        float level = Level;
        EnvelopeStage stage = Stage;
        for (int i = 0; i < destination.Length; i++)
        {
            switch (stage)
            {
                case EnvelopeStage.Attack:
                    level += _attackStep;
                    if (level >= 1f) { level = 1f; stage = EnvelopeStage.Decay; }
                    break;
                case EnvelopeStage.Decay:
                    level = _sustain + (level - _sustain) * _decayCoefficient;
                    if (level - _sustain < SilenceLevel) { level = _sustain; stage = EnvelopeStage.Sustain; }
                    break;
                case EnvelopeStage.Sustain:
                    level = _sustain;
                    if (level < SilenceLevel) { level = 0f; stage = EnvelopeStage.Idle; }
                    break;
                case EnvelopeStage.Release:
                    level *= _releaseCoefficient;
                    if (level < SilenceLevel) { level = 0f; stage = EnvelopeStage.Idle; }
                    break;
                case EnvelopeStage.FastRelease:
                    level -= _fastReleaseStep;
                    if (level <= 0f) { level = 0f; stage = EnvelopeStage.Idle; }
                    break;
                default:
                    level = 0f;
                    break;
            }
            destination[i] = level;
        }
        Level = level;
        Stage = stage;
    }
}
