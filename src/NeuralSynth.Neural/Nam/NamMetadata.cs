namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Optional descriptive and calibration data from a .nam file's "metadata" object.
/// <see cref="InputLevelDbu"/> is the analog level (dBu) that corresponds to a full-scale digital input
/// during capture, <see cref="OutputLevelDbu"/> likewise for the output; hosts use them to calibrate gain.
/// <see cref="Loudness"/> is the model's output loudness (dB) for NAM's standard test signal, used for
/// output normalization.
/// </summary>
public sealed record NamMetadata(
    string? Name,
    string? ModeledBy,
    string? GearType,
    string? GearMake,
    string? GearModel,
    string? ToneType,
    double? Loudness,
    double? Gain,
    double? InputLevelDbu,
    double? OutputLevelDbu)
{
    public static NamMetadata Empty { get; } = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>Gain (linear) that brings the model's output to <paramref name="targetLoudnessDb"/>, or 1 when unknown.</summary>
    public float NormalizationGain(double targetLoudnessDb = -18.0) =>
        Loudness is double loudness ? (float)Math.Pow(10.0, (targetLoudnessDb - loudness) / 20.0) : 1f;
}
