using NeuralSynth.Generation.Midi;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Api;

/// <summary>The result of <see cref="SymbolicGenerator.Generate"/>: notes, the attributes used and the tokens.</summary>
/// <param name="Score">Primer (if any) followed by the generated bars, 1/16 grid, tempo map with the requested tempo.</param>
/// <param name="PrimerBars">Bars at the start that came from the primer.</param>
/// <param name="Tokens">Full token sequence (attribute prefix + body) for inspection or re-tokenization.</param>
public sealed record GeneratedPiece(
    Score Score,
    MusicAttributes Attributes,
    int PrimerBars,
    int GeneratedBars,
    IReadOnlyList<int> Tokens,
    TimeSpan Elapsed)
{
    public Key Key => Attributes.Key;

    public double TempoBpm => Score.InitialTempo;

    /// <summary>Notes in seconds at the piece's tempo map (for renderers that do not read MIDI).</summary>
    public IEnumerable<(double Start, double Duration, int Pitch, int Velocity)> NotesInSeconds()
    {
        var map = new StepClock(Score.Tempos);
        foreach (var n in Score.SortedNotes())
        {
            double s = map.Seconds(n.Start);
            yield return (s, map.Seconds(n.End) - s, n.Pitch, n.Velocity);
        }
    }

    /// <summary>Writes a type-1 MIDI file with tempo, time signature and key signature.</summary>
    public void WriteMidi(string path) => ScoreMidiWriter.Write(path, Score, Attributes.Key);

    public void WritePianoRoll(string path, int pixelsPerStep = 6, int pixelsPerPitch = 4) =>
        PianoRoll.WritePng(path, Score, pixelsPerStep, pixelsPerPitch, Attributes.Key);

    public string TokenText() => string.Join(' ', Tokens.Select(RemiVocabulary.Name));

    /// <summary>Grid step → seconds under a piecewise-constant tempo map.</summary>
    private sealed class StepClock(IReadOnlyList<TempoChange> tempos)
    {
        public double Seconds(int step)
        {
            double seconds = 0;
            for (int i = 0; i < tempos.Count; i++)
            {
                int from = tempos[i].Step;
                if (from >= step) break;
                int to = i + 1 < tempos.Count ? Math.Min(tempos[i + 1].Step, step) : step;
                seconds += (to - from) * 15.0 / tempos[i].Bpm; // a sixteenth is a quarter of 60/bpm
            }
            return seconds;
        }
    }
}
