namespace NeuralSynth.Ddsp.Analysis;

public sealed record PitchTrackerOptions
{
    public double MinHz { get; init; } = 60;
    public double MaxHz { get; init; } = 1600;

    /// <summary>Confidence to become voiced; <see cref="VoicedOffConfidence"/> to stay voiced (hysteresis against chatter).</summary>
    public float VoicedOnConfidence { get; init; } = 0.85f;
    public float VoicedOffConfidence { get; init; } = 0.7f;

    /// <summary>Frames quieter than this are unvoiced whatever YIN says (room noise can look periodic).</summary>
    public float MinLoudnessDb { get; init; } = -65f;

    /// <summary>An octave jump is believed only after this many consecutive frames (24 ms at 250 frames/s).</summary>
    public int OctaveHoldFrames { get; init; } = 6;
}
