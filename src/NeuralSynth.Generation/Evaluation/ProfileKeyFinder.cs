using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>
/// The Krumhansl–Schmuckler key finder, written separately from the conditioning path's detector so the
/// evaluation's oracle is not the code that labelled the training data: the pitch-class distribution of the
/// notes, each weighted by its length, is correlated (Pearson) with the Krumhansl–Kessler major and minor
/// probe-tone profiles rotated to all 12 tonics; the best of the 24 is the key.
/// </summary>
internal static class ProfileKeyFinder
{
    // Krumhansl & Kessler (1982) probe-tone ratings, tonic first.
    private static readonly double[] Major = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] Minor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    public static Key Find(IEnumerable<ScoreNote> notes)
    {
        var weight = new double[12];
        foreach (var n in notes) weight[((n.Pitch % 12) + 12) % 12] += Math.Max(1, n.Duration);
        Key best = new(0, Mode.Major);
        double bestR = double.NegativeInfinity;
        for (int tonic = 0; tonic < 12; tonic++)
        {
            double rMajor = Pearson(weight, Major, tonic), rMinor = Pearson(weight, Minor, tonic);
            if (rMajor > bestR) (bestR, best) = (rMajor, new Key(tonic, Mode.Major));
            if (rMinor > bestR) (bestR, best) = (rMinor, new Key(tonic, Mode.Minor));
        }
        return best;
    }

    private static double Pearson(double[] weight, double[] profile, int tonic)
    {
        double wMean = weight.Average(), pMean = profile.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int pc = 0; pc < 12; pc++)
        {
            double x = weight[pc] - wMean;
            double y = profile[(pc - tonic + 12) % 12] - pMean;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        return sxx == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
