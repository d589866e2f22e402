namespace NeuralSynth.Generation.Music;

/// <summary>Computes a score's <see cref="MusicAttributes"/> from its notes, meter and initial tempo.</summary>
public static class AttributeExtractor
{
    public static MusicAttributes Extract(Score score)
    {
        var key = KeyDetector.Detect(score.Notes);
        int bars = Math.Max(1, score.BarCount);
        int onsets = score.Notes.Select(n => n.Start).Count();
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
            MusicAttributes.EmotionOf(key.Mode, perSecond));
    }
}
