namespace NeuralSynth.Neural.Layers;

/// <summary>
/// Builds the per-frame input vector of a conditioned model by concatenating the audio sample with the
/// current control values: <c>[x, k0, k1, ...]</c>, the layout GuitarML and RTNeural knob models train on.
/// Control values are plain floats written from any thread; a torn read only mixes two valid settings.
/// </summary>
public sealed class ConditioningConcat
{
    private readonly float[] _controls;
    private readonly float[] _frame;

    public ConditioningConcat(int controlCount)
    {
        if (controlCount < 0) throw new ArgumentOutOfRangeException(nameof(controlCount));
        _controls = new float[controlCount];
        _frame = new float[controlCount + 1];
    }

    public int ControlCount => _controls.Length;

    public int FrameSize => _frame.Length;

    public float GetControl(int index) => Volatile.Read(ref _controls[index]);

    public void SetControl(int index, float value) => Volatile.Write(ref _controls[index], value);

    /// <summary>Returns the frame vector for one audio sample; valid until the next call.</summary>
    public ReadOnlySpan<float> Frame(float sample)
    {
        _frame[0] = sample;
        for (int i = 0; i < _controls.Length; i++) _frame[i + 1] = Volatile.Read(ref _controls[i]);
        return _frame;
    }
}
