using System.Text.Json;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tool.Corpus;

/// <summary>
/// Reads the Boulanger-Lewandowski (2012) piano-roll benchmark sets (Nottingham, MuseData, Piano-midi.de as
/// converted in /work/shared/data/boulanger-pianoroll): per piece, frames on an eighth-note grid, each the list
/// of sounding MIDI pitches. A pitch sounding in consecutive frames is one note (the roll cannot tell a held
/// note from a repeated one). Like the chorales, the sets have no bar lines, tempo or dynamics: the pickup is
/// estimated the chorales' way, the meter is 4/4, the velocity constant, and each piece gets a tempo drawn from
/// its index so tempo stays a free control.
/// </summary>
internal static class PianoRollSets
{
    /// <summary>Sixteenth-note steps per frame of the eighth-note grid.</summary>
    public const int StepsPerFrame = 2;

    private static readonly double[] PieceTempos = [63, 70, 76, 84, 92, 100, 108, 116, 126];

    public static IReadOnlyList<Score> Load(string jsonPath, string split)
    {
        using var doc = Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(jsonPath), jsonPath, maxDepth: 8);
        var scores = new List<Score>();
        int index = 0;
        foreach (var piece in doc.RootElement.GetProperty(split).EnumerateArray())
        {
            var frames = piece.EnumerateArray().Select(f => f.EnumerateArray().Select(p => p.GetInt32()).ToHashSet()).ToList();
            var notes = FramesToNotes(frames);
            int pickup = JsbChorales.PickupSteps(notes);
            notes = notes.Select(n => n with { Start = n.Start + pickup }).ToList();
            double tempo = PieceTempos[(index * 7 + split.Length) % PieceTempos.Length];
            scores.Add(new Score(notes, [new TempoChange(0, tempo)], Meter.FourFour));
            index++;
        }
        return scores;
    }

    private static List<ScoreNote> FramesToNotes(List<HashSet<int>> frames)
    {
        var notes = new List<ScoreNote>();
        var open = new Dictionary<int, int>(); // pitch → start frame
        for (int t = 0; t <= frames.Count; t++)
        {
            var now = t < frames.Count ? frames[t] : [];
            foreach (var (pitch, start) in open.Where(o => !now.Contains(o.Key)).ToList())
            {
                notes.Add(new ScoreNote(start * StepsPerFrame, (t - start) * StepsPerFrame, pitch, JsbChorales.Velocity));
                open.Remove(pitch);
            }
            foreach (int pitch in now) open.TryAdd(pitch, t);
        }
        return notes;
    }
}
