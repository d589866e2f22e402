namespace NeuralSynth.Generation.Music;

/// <summary>Computes a score's <see cref="MusicAttributes"/> from its notes, meter and initial tempo.</summary>
internal static class AttributeExtractor
{
    public static MusicAttributes Extract(Score score)
    {
        var key = KeyDetector.Detect(score.Notes);
        int bars = Math.Max(1, score.BarCount);
        int onsets = score.Notes.Count;
        double perBar = onsets / (double)bars;
        double bpm = score.InitialTempo;
        // Seconds per bar = sixteenths per bar / 4 quarters × 60 / bpm.
        double barSeconds = score.Meter.StepsPerBar() / 4.0 * 60.0 / bpm;
        double perSecond = perBar / barSeconds;
        int range = score.Notes.Count == 0 ? 0 : score.Notes.Max(n => n.Pitch) - score.Notes.Min(n => n.Pitch);
        return new MusicAttributes(
            key,
            score.Meter,
            MusicAttributes.TempoClassOf(bpm),
            MusicAttributes.DensityOf(perBar),
            MusicAttributes.RangeOf(range),
            MusicAttributes.EmotionOf(key.Mode, perSecond),
            MusicAttributes.TonicOf(TonicInBassShare(score.Notes, key.Tonic)),
            MusicAttributes.RegisterOf(MeanPitch(score.Notes)),
            MusicAttributes.RhythmOf(OffBeatShare(score.Notes)));
    }

    /// <summary>Share of onset steps whose lowest sounding-from-here note is the tonic pitch class.</summary>
    public static double TonicInBassShare(IReadOnlyList<ScoreNote> notes, int tonic)
    {
        var lowest = new Dictionary<int, int>();
        foreach (var n in notes)
        {
            if (!lowest.TryGetValue(n.Start, out int p) || n.Pitch < p) lowest[n.Start] = n.Pitch;
        }
        if (lowest.Count == 0) return 0;
        return lowest.Values.Count(p => ((p % 12) + 12) % 12 == tonic) / (double)lowest.Count;
    }

    public static double MeanPitch(IReadOnlyList<ScoreNote> notes)
    {
        double weight = notes.Sum(n => (double)n.Duration);
        return weight <= 0 ? 60 : notes.Sum(n => n.Pitch * (double)n.Duration) / weight;
    }

    /// <summary>Share of distinct onset steps that are not on a quarter-note beat.</summary>
    public static double OffBeatShare(IReadOnlyList<ScoreNote> notes)
    {
        var steps = notes.Select(n => n.Start).Distinct().ToList();
        return steps.Count == 0 ? 0 : steps.Count(s => s % 4 != 0) / (double)steps.Count;
    }
}
