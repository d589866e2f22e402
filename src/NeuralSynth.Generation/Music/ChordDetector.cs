namespace NeuralSynth.Generation.Music;

internal enum ChordQuality
{
    Major,
    Minor,
    Diminished,
    Augmented,
    Dominant7,
    Minor7,
}

/// <summary>
/// Names the sounding pitch-class set when it is exactly a triad or a seventh chord. Chord tokens are
/// annotations for the model (harmonic context it can condition on); the decoder ignores them, so they never
/// change the notes a token sequence stands for.
/// </summary>
internal static class ChordDetector
{
    public const int QualityCount = 6;

    private static readonly (ChordQuality Quality, int Mask)[] Templates =
    [
        (ChordQuality.Dominant7, Bits(0, 4, 7, 10)),
        (ChordQuality.Minor7, Bits(0, 3, 7, 10)),
        (ChordQuality.Major, Bits(0, 4, 7)),
        (ChordQuality.Minor, Bits(0, 3, 7)),
        (ChordQuality.Diminished, Bits(0, 3, 6)),
        (ChordQuality.Augmented, Bits(0, 4, 8)),
    ];

    /// <param name="pitchClassMask">bit i set when pitch class i sounds.</param>
    public static bool TryDetect(int pitchClassMask, out int root, out ChordQuality quality)
    {
        foreach (var (q, template) in Templates)
        {
            for (int r = 0; r < 12; r++)
            {
                int rotated = ((template << r) | (template >> (12 - r))) & 0xFFF;
                if (rotated == pitchClassMask)
                {
                    root = r;
                    quality = q;
                    return true;
                }
            }
        }
        root = 0;
        quality = ChordQuality.Major;
        return false;
    }

    private static int Bits(params int[] intervals)
    {
        int mask = 0;
        foreach (int i in intervals) mask |= 1 << i;
        return mask;
    }
}
