namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// The fixed arithmetic of models/ddsp/recipe/decoder.py around the learned layers, with the constants the
/// ONNX export folds into its graph (kept as float, as the graph holds them, so the managed runtime rounds the
/// way ONNX Runtime does). If decoder.py changes these, change them here; the ONNX oracle test fails otherwise.
/// </summary>
internal static class DecoderRecipe
{
    /// <summary>f0 scaling: (12·log2(max(f0, 1)/440) + 69)/127, i.e. MIDI note / 127.</summary>
    public const float MinF0Hz = 1f, ReferenceHz = 440f, Ln2 = 0.6931471824645996f, SemitonesPerOctave = 12f, ReferenceNote = 69f, NoteRange = 127f;

    /// <summary>Loudness scaling: (dB − floor)/−floor with common.LOUDNESS_FLOOR_DB = −100.</summary>
    public const float LoudnessFloorDb = -100f;

    /// <summary>exp_sigmoid(x) = 2·sigmoid(x)^ln10 + 1e-7.</summary>
    public const float ExpSigmoidExponent = 2.3025851249694824f, ExpSigmoidScale = 2f, ExpSigmoidFloor = 1.0000000116860974e-07f;

    /// <summary>The harmonic distribution fades out between these fractions of the training band edge (bandMaxHz).</summary>
    public const double FadeStart = 0.8, FadeEnd = 0.95;

    /// <summary>Lower clamp of the distribution's sum before normalizing (an all-zero distribution stays zero).</summary>
    public const float MinDistributionSum = 1.0000000116860974e-07f;

    public static float ScaleF0(float f0Hz) =>
        (MathF.Log(MathF.Max(f0Hz, MinF0Hz) / ReferenceHz) / Ln2 * SemitonesPerOctave + ReferenceNote) / NoteRange;

    public static float ScaleLoudness(float loudnessDb) => (loudnessDb - LoudnessFloorDb) / -LoudnessFloorDb;
}
