namespace NeuralSynth.Generation.Music;

/// <summary>
/// A quantized single-part piece: notes on the 1/16 grid, a tempo map (first entry at step 0) and a meter.
/// This is exactly what the REMI tokens can express, so MIDI → Score → tokens → Score is lossless.
/// </summary>
public sealed record Score(IReadOnlyList<ScoreNote> Notes, IReadOnlyList<TempoChange> Tempos, Meter Meter)
{
    public double InitialTempo => Tempos.Count > 0 ? Tempos[0].Bpm : 120.0;

    public int LengthSteps => Notes.Count == 0 ? 0 : Notes.Max(n => n.End);

    public int BarCount => Notes.Count == 0 ? 0 : Notes.Max(n => n.Start) / Meter.StepsPerBar() + 1;

    /// <summary>Notes sorted by (start, pitch, duration, velocity): the canonical order used for comparison.</summary>
    public IReadOnlyList<ScoreNote> SortedNotes() =>
        Notes.OrderBy(n => n.Start).ThenBy(n => n.Pitch).ThenBy(n => n.Duration).ThenBy(n => n.Velocity).ToList();

    public Score Transposed(int semitones) =>
        this with { Notes = Notes.Select(n => n with { Pitch = n.Pitch + semitones }).ToList() };
}
