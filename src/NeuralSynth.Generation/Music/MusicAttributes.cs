namespace NeuralSynth.Generation.Music;

/// <summary>
/// The attribute prefix of a token sequence (MuseCoco/EmoGen style): key and mode, meter, tempo class,
/// note-density bucket, pitch-range bucket and emotion quadrant. All are computable from a score, which is
/// what makes attribute-conditioned training self-supervised.
/// </summary>
public sealed record MusicAttributes(Key Key, Meter Meter, int TempoClass, int Density, int Range, Emotion Emotion)
{
    public const int TempoClasses = 4;
    public const int DensityBuckets = 6;
    public const int RangeBuckets = 6;

    /// <summary>Upper bpm edges of the slow / moderate / fast classes; above the last is very fast.</summary>
    public static readonly double[] TempoClassEdges = [76, 108, 140];

    /// <summary>Note onsets per bar, upper edges of buckets 0..4.</summary>
    public static readonly double[] DensityEdges = [4, 8, 12, 16, 22];

    /// <summary>Highest minus lowest pitch in semitones, upper edges of buckets 0..4.</summary>
    public static readonly int[] RangeEdges = [12, 20, 28, 36, 44];

    /// <summary>Onsets per second at or above which a piece counts as high arousal.</summary>
    public const double ArousalNotesPerSecond = 5.0;

    public static int TempoClassOf(double bpm) => Bucket(bpm, TempoClassEdges);

    public static int DensityOf(double onsetsPerBar) => Bucket(onsetsPerBar, DensityEdges);

    public static int RangeOf(int semitones) => Bucket(semitones, RangeEdges.Select(e => (double)e).ToArray());

    public static Emotion EmotionOf(Mode mode, double onsetsPerSecond)
    {
        bool positive = mode == Mode.Major;
        bool high = onsetsPerSecond >= ArousalNotesPerSecond;
        return (positive, high) switch
        {
            (true, true) => Emotion.Happy,
            (false, true) => Emotion.Tense,
            (false, false) => Emotion.Sad,
            _ => Emotion.Calm,
        };
    }

    private static int Bucket(double value, double[] upperEdges)
    {
        for (int i = 0; i < upperEdges.Length; i++)
        {
            if (value < upperEdges[i]) return i;
        }
        return upperEdges.Length;
    }
}
