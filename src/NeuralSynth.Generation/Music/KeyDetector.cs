namespace NeuralSynth.Generation.Music;

/// <summary>
/// Krumhansl–Kessler key finding: correlate the duration-weighted pitch-class histogram with the 24 rotated
/// major/minor profiles. The key attribute is derived this way from the training data itself (self-supervised).
/// </summary>
internal static class KeyDetector
{
    private static readonly double[] MajorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] MinorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    public static Key Detect(IReadOnlyList<ScoreNote> notes)
    {
        Span<double> histogram = stackalloc double[12];
        foreach (var n in notes) histogram[((n.Pitch % 12) + 12) % 12] += n.Duration;
        var best = new Key(0, Mode.Major);
        double bestScore = double.NegativeInfinity;
        for (int tonic = 0; tonic < 12; tonic++)
        {
            foreach (Mode mode in new[] { Mode.Major, Mode.Minor })
            {
                double score = Correlate(histogram, mode == Mode.Major ? MajorProfile : MinorProfile, tonic);
                if (score > bestScore + 1e-12)
                {
                    bestScore = score;
                    best = new Key(tonic, mode);
                }
            }
        }
        return best;
    }

    private static double Correlate(ReadOnlySpan<double> histogram, double[] profile, int tonic)
    {
        double mh = 0, mp = 0;
        for (int i = 0; i < 12; i++) { mh += histogram[i]; mp += profile[i]; }
        mh /= 12; mp /= 12;
        double num = 0, dh = 0, dp = 0;
        for (int i = 0; i < 12; i++)
        {
            double h = histogram[(i + tonic) % 12] - mh;
            double p = profile[i] - mp;
            num += h * p; dh += h * h; dp += p * p;
        }
        return dh <= 0 || dp <= 0 ? 0 : num / Math.Sqrt(dh * dp);
    }
}
