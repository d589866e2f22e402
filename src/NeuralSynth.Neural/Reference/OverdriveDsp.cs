namespace NeuralSynth.Neural.Reference;

/// <summary>
/// Overdrive: pre-gain 0..30 dB from <c>drive</c>, an asymmetric tanh soft clip
/// <c>y = tanh(g·x + b) - tanh(b)</c> (b = 0.25: the offset makes the clip asymmetric, adding even harmonics,
/// and the subtraction keeps silence silent), then a one-pole low-pass whose cutoff sweeps 600 Hz..12 kHz
/// exponentially with <c>tone</c>, and a fixed 0.7 output level so full drive stays below 0 dBFS.
/// No DC blocker: it would add a seconds-long time constant that a small LSTM learns poorly, for no audible gain.
/// </summary>
internal sealed class OverdriveDsp : IReferenceEffect
{
    public const double MaxDriveDb = 30;
    public const double MinToneHz = 600, MaxToneHz = 12000;
    public const float Bias = 0.25f;
    public const float OutputLevel = 0.7f;

    private static readonly string[] Names = ["drive", "tone"];
    private readonly double _sampleRate;
    private float _drive = 0.5f, _tone = 0.5f;
    private float _gain, _coefficient, _state;

    public OverdriveDsp(double sampleRate)
    {
        if (sampleRate <= 0) throw new ArgumentOutOfRangeException(nameof(sampleRate));
        _sampleRate = sampleRate;
        UpdateCoefficients();
    }

    public IReadOnlyList<string> KnobNames => Names;

    public void SetKnob(int index, float value)
    {
        value = Math.Clamp(value, 0f, 1f);
        if (index == 0) _drive = value;
        else if (index == 1) _tone = value;
        else throw new ArgumentOutOfRangeException(nameof(index));
        UpdateCoefficients();
    }

    public void Reset() => _state = 0;

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        float offset = MathF.Tanh(Bias);
        float a = _coefficient;
        for (int i = 0; i < input.Length; i++)
        {
            float clipped = MathF.Tanh(_gain * input[i] + Bias) - offset;
            _state = (1 - a) * clipped + a * _state;
            output[i] = OutputLevel * _state;
        }
    }

    private void UpdateCoefficients()
    {
        _gain = (float)Math.Pow(10, MaxDriveDb * _drive / 20);
        double cutoff = MinToneHz * Math.Pow(MaxToneHz / MinToneHz, _tone);
        _coefficient = (float)Math.Exp(-2 * Math.PI * cutoff / _sampleRate);
    }
}
