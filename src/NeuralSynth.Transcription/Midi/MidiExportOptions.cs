namespace NeuralSynth.Transcription.Midi;

public sealed record MidiExportOptions
{
    public double TempoBpm { get; init; } = 120;
    public bool IncludePitchBends { get; init; } = true;

    /// <summary>
    /// MIDI pitch bend is per channel, so bends of overlapping notes would fight. When false (the
    /// upstream default) bends are dropped from overlapping notes; when true every pitch gets its own
    /// track and channel (cycling over the 15 non-drum channels).
    /// </summary>
    public bool MultiplePitchBends { get; init; }

    /// <summary>General MIDI program; 4 is Electric Piano 1, upstream's choice.</summary>
    public int Program { get; init; } = 4;

    public int TicksPerQuarterNote { get; init; } = 480;
}
