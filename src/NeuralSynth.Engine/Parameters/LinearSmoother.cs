namespace NeuralSynth.Engine.Parameters;

/// <summary>
/// Linear ramp toward a target over a fixed number of samples. The value is derived from the samples
/// remaining rather than accumulated, so advancing by 1+1+1 or by 3 gives bit-identical results: this is
/// what keeps rendering independent of the host's block size.
/// </summary>
public struct LinearSmoother
{
    private float _target;
    private float _step;
    private int _remaining;
    private int _rampLength;

    public void Configure(int rampSamples) => _rampLength = Math.Max(0, rampSamples);

    public readonly float Target => _target;
    public readonly bool IsSmoothing => _remaining > 0;
    public readonly float Value => _target - _step * _remaining;

    public void SetImmediate(float value)
    {
        _target = value;
        _step = 0;
        _remaining = 0;
    }

    public void SetTarget(float target)
    {
        if (target == _target && _remaining == 0) return;
        if (_rampLength == 0)
        {
            SetImmediate(target);
            return;
        }
        float current = Value;
        _target = target;
        _remaining = _rampLength;
        _step = (target - current) / _rampLength;
    }

    public void Advance(int samples)
    {
        _remaining = samples >= _remaining ? 0 : _remaining - samples;
        if (_remaining == 0) _step = 0;
    }

    /// <summary>Writes the next <paramref name="destination"/>.Length values and advances.</summary>
    public void Fill(Span<float> destination)
    {
        if (_remaining == 0)
        {
            destination.Fill(_target);
            return;
        }
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Value;
            Advance(1);
        }
    }
}
