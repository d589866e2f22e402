using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// Keeps a bar's note count near the requested density bin while sampling. The density token alone is a
/// suggestion a small model may not follow (the pre-#20 model wrote ~14 notes a bar whatever was asked), so at
/// each step the sampler compares the notes written in this bar with the pace the bin's centre implies at the
/// current position and nudges the logits: ahead of pace, another note at this onset (Pitch) or a new onset
/// (Position) gets less likely and closing the bar (Bar) more; behind pace, the reverse. The model still chooses
/// which notes and where; only the odds of "one more note" move.
/// </summary>
public static class DensityGuidance
{
    /// <summary>Notes a bar at the centre of each density bin (bins: &lt;4, &lt;8, &lt;12, &lt;16, &lt;22, ≥22).</summary>
    public static readonly double[] BinCentres = [2, 6, 10, 14, 19, 26];

    /// <summary>Largest logit shift, so a far-off count cannot force a token the grammar merely allows.</summary>
    public const float MaxShift = 4f;

    /// <param name="position">Grid step within the bar the next onset would follow (-1 at the bar's start).</param>
    /// <param name="strength">Logit shift per note ahead of or behind pace (already scaled by the temperature).</param>
    public static void Apply(Span<float> logits, MusicAttributes attributes, int notesInBar, int position, float strength)
    {
        int spb = attributes.Meter.StepsPerBar();
        double target = BinCentres[Math.Clamp(attributes.Density, 0, BinCentres.Length - 1)] * spb / 16.0;
        double pace = target * Math.Clamp(position + 1, 0, spb) / spb;
        float shift = Math.Clamp((float)(notesInBar - pace) * strength, -MaxShift, MaxShift);
        if (shift == 0) return;
        Shift(logits, TokenKind.Pitch, -shift);
        Shift(logits, TokenKind.Position, -shift);
        int bar = RemiVocabulary.Bar;
        if (!float.IsNegativeInfinity(logits[bar])) logits[bar] += shift;
    }

    private static void Shift(Span<float> logits, TokenKind kind, float by)
    {
        int first = RemiVocabulary.Offset(kind), end = first + RemiVocabulary.Count(kind);
        for (int id = first; id < end; id++)
        {
            if (!float.IsNegativeInfinity(logits[id])) logits[id] += by;
        }
    }
}
