using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tool.Evaluation;

/// <summary>
/// Theme Transformer's question — does the continuation come back to the primer's theme? — as a count: the motif
/// is the primer's opening melodic shape (the intervals between the first <see cref="MotifNotes"/> notes of its top
/// line), and a recurrence is any run of as many consecutive top-line notes in the continuation with exactly those
/// intervals, at any transposition (rhythm is ignored, so a varied restatement still counts).
/// </summary>
internal static class MotifRecurrence
{
    public const int MotifNotes = 4;

    /// <summary>The highest note at each onset, in time order: the line a listener follows.</summary>
    public static List<int> TopLine(IEnumerable<ScoreNote> notes) =>
        notes.GroupBy(n => n.Start).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).ToList();

    public static int[]? Motif(Score primer)
    {
        var line = TopLine(primer.Notes);
        if (line.Count < MotifNotes) return null;
        return Enumerable.Range(1, MotifNotes - 1).Select(i => line[i] - line[i - 1]).ToArray();
    }

    /// <summary>Occurrences of <paramref name="motif"/> in the top line of the notes from <paramref name="fromStep"/> on.</summary>
    public static int Count(int[] motif, IEnumerable<ScoreNote> notes, int fromStep)
    {
        var line = TopLine(notes.Where(n => n.Start >= fromStep));
        int hits = 0;
        for (int i = 0; i + motif.Length < line.Count; i++)
        {
            bool same = true;
            for (int k = 0; k < motif.Length && same; k++) same = line[i + k + 1] - line[i + k] == motif[k];
            if (same) hits++;
        }
        return hits;
    }
}
