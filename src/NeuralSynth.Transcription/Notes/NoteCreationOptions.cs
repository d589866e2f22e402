namespace NeuralSynth.Transcription.Notes;

/// <summary>Post-processing thresholds, with upstream's defaults.</summary>
public sealed record NoteCreationOptions
{
    public double OnsetThreshold { get; init; } = 0.5;
    public double FrameThreshold { get; init; } = 0.3;
    public double MinimumNoteLengthMs { get; init; } = 127.70;
    public double? MinimumFrequencyHz { get; init; }
    public double? MaximumFrequencyHz { get; init; }
    public bool InferOnsets { get; init; } = true;
    public bool MelodiaTrick { get; init; } = true;
    public bool IncludePitchBends { get; init; } = true;

    /// <summary>Frames below the frame threshold tolerated inside a note before it is ended.</summary>
    public int EnergyTolerance { get; init; } = 11;

    /// <summary>Minimum note length in frames, rounded as upstream does (127.7 ms → 11 frames).</summary>
    public int MinimumNoteFrames =>
        (int)Math.Round(MinimumNoteLengthMs / 1000.0 * BasicPitchConstants.SampleRate / BasicPitchConstants.FftHop, MidpointRounding.ToEven);

    internal void Validate()
    {
        if (!(OnsetThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(OnsetThreshold), OnsetThreshold, "Must be within [0, 1].");
        }

        if (!(FrameThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FrameThreshold), FrameThreshold, "Must be within [0, 1].");
        }

        if (!(MinimumNoteLengthMs >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumNoteLengthMs), MinimumNoteLengthMs, "Must be non-negative.");
        }

        if (MinimumFrequencyHz is <= 0 || MaximumFrequencyHz is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumFrequencyHz), "Frequency limits must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(EnergyTolerance);
    }
}
