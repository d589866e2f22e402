namespace NeuralSynth.Engine.Synth;

/// <summary>
/// MIDI-DDSP style expression shared by all voices at one tick: how notes become loudness curves for a
/// timbre decoder. Dynamics d in 0..1 maps to loudness <see cref="LoudnessDb"/> − <see cref="RangeDb"/>·(1 − d).
/// </summary>
/// <param name="LoudnessDb">Loudness at full dynamics (ff).</param>
/// <param name="RangeDb">dB between dynamics 0 and 1.</param>
/// <param name="VelocityAmount">0..1: how much note velocity lowers dynamics below 1.</param>
/// <param name="ChannelDynamics">0..1 from CC1 and CC11 (1 when they are not routed to dynamics).</param>
/// <param name="PressureSwell">0..1: aftertouch × its amount, pushing dynamics toward 1.</param>
public readonly record struct ExpressionControls(
    float LoudnessDb, float RangeDb, float VelocityAmount, float ChannelDynamics, float PressureSwell)
{
    public const float FloorDb = -100f;

    /// <summary>Loudness of a voice with this velocity at envelope level <paramref name="envelope"/> (0..1).</summary>
    public float VoiceLoudness(float velocity, float envelope)
    {
        float d = (1f - VelocityAmount * (1f - velocity)) * ChannelDynamics;
        d += PressureSwell * (1f - d);
        float db = LoudnessDb - RangeDb * (1f - d) + 20f * MathF.Log10(Math.Max(envelope, 1e-5f));
        return Math.Max(db, FloorDb);
    }
}
