namespace NeuralSynth.Generation.Music;

/// <summary>
/// The attribute prefix of a token sequence (MuseCoco/EmoGen style): key and mode, meter, tempo class,
/// note-density bucket, pitch-range bucket, emotion quadrant, and (issue #20) tonal-centre strength, register
/// and rhythm intensity. All are computable from a score, which is what makes attribute-conditioned training
/// self-supervised.
/// </summary>
/// <param name="Tonic">How strongly the bass rests on the key's tonic: bucket of the share of onsets whose lowest
/// note is the tonic (see <see cref="TonicEdges"/>). Requesting the top bucket is how the sampler asks for music
/// that centres on its tonic rather than merely using the scale's pitch set.</param>
/// <param name="Register">Bucket of the duration-weighted mean pitch (<see cref="RegisterEdges"/>).</param>
/// <param name="Rhythm">Bucket of the share of onsets that fall between beats (<see cref="RhythmEdges"/>).</param>
public sealed record MusicAttributes(Key Key, Meter Meter, int TempoClass, int Density, int Range, Emotion Emotion,
    int Tonic = MusicAttributes.TonicBuckets - 1, int Register = 2, int Rhythm = 1)
{
    public const int TonicBuckets = 4;
    public const int RegisterBuckets = 5;
    public const int RhythmBuckets = 4;

    /// <summary>Share of onsets with the tonic in the bass, upper edges of buckets 0..2.</summary>
    public static readonly double[] TonicEdges = [0.15, 0.2, 0.25];

    /// <summary>Duration-weighted mean MIDI pitch, upper edges of buckets 0..3.</summary>
    public static readonly double[] RegisterEdges = [54, 60, 66, 72];

    /// <summary>Share of onsets off the quarter-note beat, upper edges of buckets 0..2.</summary>
    public static readonly double[] RhythmEdges = [0.2, 0.4, 0.6];

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

    public static int TonicOf(double share) => Bucket(share, TonicEdges);

    public static int RegisterOf(double meanPitch) => Bucket(meanPitch, RegisterEdges);

    public static int RhythmOf(double offBeatShare) => Bucket(offBeatShare, RhythmEdges);

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
