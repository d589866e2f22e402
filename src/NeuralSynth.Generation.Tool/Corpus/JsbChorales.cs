using System.Text.Json;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tool.Corpus;

/// <summary>
/// Reads the JSB Chorales (Bach, public domain) in Coconet's SATB 16th-note format (Jsb16thSeparated.json,
/// Boulanger-Lewandowski train/valid/test split) as scores: per voice, a run of equal pitches is one note.
/// The data has no bar lines, tempo or dynamics, so: the pickup is estimated (see <see cref="PickupSteps"/>),
/// the meter is 4/4, the velocity is constant and each piece gets a fixed tempo drawn from its index — tempo is
/// therefore a free control for the model rather than something the notes depend on.
/// </summary>
internal static class JsbChorales
{
    public const int Velocity = 88;
    private static readonly double[] PieceTempos = [63, 70, 76, 84, 92, 100, 108, 116];

    public static IReadOnlyList<Score> Load(string jsonPath, string split)
    {
        using var doc = Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(jsonPath), jsonPath, maxDepth: 8);
        var pieces = doc.RootElement.GetProperty(split);
        var scores = new List<Score>();
        int index = 0;
        foreach (var piece in pieces.EnumerateArray())
        {
            var steps = piece.EnumerateArray().Select(s => s.EnumerateArray().Select(p => p.GetInt32()).ToArray()).ToArray();
            var notes = VoicesToNotes(steps);
            int pickup = PickupSteps(notes);
            notes = notes.Select(n => n with { Start = n.Start + pickup }).ToList();
            double tempo = PieceTempos[(index * 5 + split.Length) % PieceTempos.Length];
            scores.Add(new Score(notes, [new TempoChange(0, tempo)], Meter.FourFour));
            index++;
        }
        return scores;
    }

    private static List<ScoreNote> VoicesToNotes(int[][] steps)
    {
        var notes = new List<ScoreNote>();
        int voices = steps.Length == 0 ? 0 : steps.Max(s => s.Length);
        for (int v = 0; v < voices; v++)
        {
            int start = 0, pitch = -1;
            for (int t = 0; t <= steps.Length; t++)
            {
                int p = t < steps.Length && v < steps[t].Length ? steps[t][v] : -1;
                if (p == pitch) continue;
                if (pitch >= 0) notes.Add(new ScoreNote(start, t - start, pitch, Velocity));
                pitch = p;
                start = t;
            }
        }
        return notes;
    }

    /// <summary>
    /// Shift (0, 4, 8 or 12 sixteenths) that puts the most duration-weighted onsets on downbeats: long notes
    /// fall on strong beats, which is enough to recover the anacrusis of most chorales.
    /// </summary>
    public static int PickupSteps(IReadOnlyList<ScoreNote> notes)
    {
        int best = 0;
        double bestScore = double.NegativeInfinity;
        for (int shift = 0; shift < 16; shift += 4)
        {
            double score = notes.Where(n => (n.Start + shift) % 16 == 0).Sum(n => (double)n.Duration);
            if (score > bestScore)
            {
                bestScore = score;
                best = shift;
            }
        }
        return best;
    }
}
