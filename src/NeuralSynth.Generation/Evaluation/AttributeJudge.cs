using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>
/// Re-extracts a generated piece's attributes from its notes alone, independently of the conditioning path
/// (none of <see cref="AttributeExtractor"/>, <see cref="KeyDetector"/> or the attribute tokens is used), the way
/// MuseCoco and EmoGen judge controllability:
/// key and mode by <see cref="ProfileKeyFinder"/>; density bin from notes per bar against the documented meaning
/// of the Density control; valence from mode and harmony (how many beats sound a major rather than a minor
/// triad); arousal from note rate, loudness and register, the features EmoGen's arousal follows.
/// </summary>
internal static class AttributeJudge
{
    /// <summary>The Density control's documented meaning (GenerationRequest): notes per bar &lt;4, &lt;8, &lt;12, &lt;16, &lt;22, ≥22.</summary>
    public static readonly double[] DensityBinEdges = [4, 8, 12, 16, 22];

    /// <summary>Notes per second at which a piece at a neutral loudness and register is heard as high arousal.</summary>
    public const double ArousalRate = 5.0;

    /// <param name="fromBar">First bar to judge (the primer's bars are the user's, not the model's).</param>
    public static JudgedAttributes Judge(Score score, int fromBar = 0, int bars = -1)
    {
        int spb = score.Meter.StepsPerBar();
        int from = fromBar * spb;
        var notes = score.Notes.Where(n => n.Start >= from && (bars < 0 || n.Start < from + bars * spb)).ToList();
        int barCount = bars > 0 ? bars : Math.Max(1, notes.Count == 0 ? 1 : notes.Max(n => n.Start) / spb - fromBar + 1);
        double perBar = notes.Count / (double)barCount;
        double barSeconds = spb * 15.0 / score.InitialTempo;
        double perSecond = perBar / barSeconds;
        var key = ProfileKeyFinder.Find(notes);
        double harmony = HarmonyBalance(notes);
        double modeSign = key.Mode == Mode.Major ? 1 : -1;
        bool positive = 0.5 * modeSign + 0.5 * harmony > 0;
        double meanVelocity = notes.Count == 0 ? 0 : notes.Average(n => n.Velocity);
        double spread = notes.Count < 2 ? 0 : Math.Sqrt(notes.Average(n => (n.Velocity - meanVelocity) * (n.Velocity - meanVelocity)));
        double meanPitch = notes.Count == 0 ? 60 : notes.Average(n => n.Pitch);
        // Rate dominates (a doubling of the note rate moves the score by 0.69); a forte performance (+20 velocity)
        // or an octave higher register each move it by 0.25 and 0.15, so they decide only near the boundary.
        double arousal = Math.Log(Math.Max(perSecond, 1e-3) / ArousalRate)
                         + 0.25 * (meanVelocity - 80) / 20 + 0.15 * (meanPitch - 62) / 12;
        int bin = 0;
        while (bin < DensityBinEdges.Length && perBar >= DensityBinEdges[bin]) bin++;
        return new JudgedAttributes(key, bin, positive, arousal > 0, perSecond >= ArousalRate, perBar, perSecond, harmony,
            meanVelocity, spread, meanPitch);
    }

    /// <summary>
    /// (major − minor) / (major + minor) over quarter-note beats, counting a beat as major or minor when the
    /// pitch classes sounding on it contain a major or minor triad (a beat with both, or neither, counts for neither).
    /// </summary>
    public static double HarmonyBalance(IReadOnlyList<ScoreNote> notes)
    {
        if (notes.Count == 0) return 0;
        int end = notes.Max(n => n.End);
        int major = 0, minor = 0;
        for (int beat = notes.Min(n => n.Start) / 4 * 4; beat < end; beat += 4)
        {
            int mask = 0;
            foreach (var n in notes)
            {
                if (n.Start <= beat && n.End > beat) mask |= 1 << (((n.Pitch % 12) + 12) % 12);
            }
            bool hasMajor = false, hasMinor = false;
            for (int root = 0; root < 12; root++)
            {
                bool rootOn = (mask >> root & 1) != 0, fifth = (mask >> ((root + 7) % 12) & 1) != 0;
                if (!rootOn || !fifth) continue;
                hasMajor |= (mask >> ((root + 4) % 12) & 1) != 0;
                hasMinor |= (mask >> ((root + 3) % 12) & 1) != 0;
            }
            if (hasMajor && !hasMinor) major++;
            if (hasMinor && !hasMajor) minor++;
        }
        return major + minor == 0 ? 0 : (major - minor) / (double)(major + minor);
    }
}
