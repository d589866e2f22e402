using NeuralSynth.Engine.Effects;

namespace NeuralSynth.Ddsp.Transfer;

// Knobs for live use in the effect chain: transpose, loudness offset and the confidence gate, each 0..1 as the
// chain sends them. Read once per decoded frame, so a knob never changes a frame halfway.
public sealed partial class TimbreTransferProcessor : IKnobConditioned
{
    /// <summary>Knob 0 spans ±<see cref="TransposeRange"/> semitones in whole steps (0.5 = no shift).</summary>
    public const float TransposeRange = 24f;

    /// <summary>Knob 1 spans ±<see cref="LoudnessRange"/> dB (0.5 = as measured).</summary>
    public const float LoudnessRange = 24f;

    private float _transposeSemitones;
    private float _loudnessOffsetDb;
    private float _confidenceGate;

    public int KnobCount => 3;

    public string KnobName(int index) => index switch
    {
        0 => "transpose",
        1 => "loudness",
        2 => "confidence gate",
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public void SetKnob(int index, float value)
    {
        float v = float.IsFinite(value) ? Math.Clamp(value, 0f, 1f) : 0.5f;
        switch (index)
        {
            case 0: _transposeSemitones = MathF.Round((v - 0.5f) * 2f * TransposeRange); break;
            case 1: _loudnessOffsetDb = (v - 0.5f) * 2f * LoudnessRange; break;
            // 0 lets every frame the tracker calls voiced through; 1 only near-perfectly periodic ones.
            case 2: _confidenceGate = v * 0.99f; break;
        }
    }
}
