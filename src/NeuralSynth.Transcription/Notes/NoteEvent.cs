namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// One transcribed note. <paramref name="PitchBends"/> holds one value per model frame of the note,
/// in contour bins (1/3 semitone) relative to the nominal pitch; null when bends were not estimated.
/// </summary>
public sealed record NoteEvent(
    double StartSeconds,
    double EndSeconds,
    int MidiPitch,
    double Amplitude,
    IReadOnlyList<int>? PitchBends);
