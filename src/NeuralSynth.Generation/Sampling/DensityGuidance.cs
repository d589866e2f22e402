using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// Keeps a bar's note count near the requested density bin while sampling. The density token alone is a
/// suggestion a small model may not follow (the pre-#20 model wrote ~14 notes a bar whatever was asked), so at
/// each step the sampler compares the notes written in this bar with the pace the bin's centre implies at the
/// current position and nudges the logits: ahead of pace, another note at this onset (Pitch) or a new onset
/// (Position) gets less likely, and among new onsets the far ones gain on the near ones (the bar breathes);
/// behind pace, the reverse (thicker onsets, closer together). Closing the bar (Bar) is judged against the whole bar's target
/// instead, so a full chord on the downbeat does not end a bar that still needs notes. The model still chooses
/// which notes and where; only the odds of "one more note" move.
/// </summary>
internal static class DensityGuidance
{
    /// <summary>Notes a bar at the centre of each density bin (bins: &lt;4, &lt;8, &lt;12, &lt;16, &lt;22, ≥22).</summary>
    public static readonly double[] BinCentres = [2, 6, 10, 14, 19, 26];

    /// <summary>Largest logit shift, so a far-off count cannot force a token the grammar merely allows.</summary>
    public const float MaxShift = 6f;

    /// <param name="position">Grid step within the bar the next onset would follow (-1 at the bar's start).</param>
    /// <param name="strength">Logit shift per note ahead of or behind pace (already scaled by the temperature).</param>
    public static void Apply(Span<float> logits, MusicAttributes attributes, int notesInBar, int position, float strength)
    {
        int spb = attributes.Meter.StepsPerBar();
        double target = BinCentres[Math.Clamp(attributes.Density, 0, BinCentres.Length - 1)] * spb / 16.0;
        double pace = target * Math.Clamp(position + 1, 0, spb) / spb;
        float ahead = Math.Clamp((float)(notesInBar - pace) * strength, -MaxShift, MaxShift);
        float full = Math.Clamp((float)(notesInBar - target) * strength, -MaxShift, MaxShift);
        Shift(logits, TokenKind.Pitch, -ahead);
        int first = RemiVocabulary.Offset(TokenKind.Position);
        for (int q = Math.Max(position + 1, 0); q < spb; q++)
        {
            // The next grid step gets -ahead; four steps on, no shift; beyond, the opposite sign.
            float shift = Math.Clamp(ahead * ((q - position - 1) / 4f - 1f), -MaxShift, MaxShift);
            if (!float.IsNegativeInfinity(logits[first + q])) logits[first + q] += shift;
        }
        int bar = RemiVocabulary.Bar;
        if (!float.IsNegativeInfinity(logits[bar])) logits[bar] += full;
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
