using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Evaluation;
using NeuralSynth.Generation.Music;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class AttributeJudgeTests
{
    /// <summary>Block chords, one per half bar, at a tempo; velocity constant.</summary>
    private static Score Chords(int[][] chords, double bpm, int notesPerHalfBar = 1, int velocity = 80)
    {
        var notes = new List<ScoreNote>();
        for (int i = 0; i < chords.Length; i++)
        {
            int len = 8 / notesPerHalfBar;
            for (int k = 0; k < notesPerHalfBar; k++)
                foreach (int p in chords[i]) notes.Add(new ScoreNote(i * 8 + k * len, len, p, velocity));
        }
        return new Score(notes, [new TempoChange(0, bpm)], Meter.FourFour);
    }

    private static readonly int[] Am = [57, 60, 64], Dm = [50, 57, 62, 65], E = [52, 56, 59, 64], C = [48, 55, 60, 64], F = [53, 57, 60, 65], G = [55, 59, 62, 67];

    [Fact]
    public void MinorCadencesAreHeardInTheirMinorKeyAndAsNegativeValence()
    {
        var score = Chords([Am, Dm, E, Am, Am, Dm, E, Am], 80);
        var judged = AttributeJudge.Judge(score);
        Assert.Equal(new Key(9, Mode.Minor), judged.Key);
        Assert.False(judged.PositiveValence);
        Assert.True(judged.HarmonyBalance < 0.5);
    }

    [Fact]
    public void MajorCadencesAreHeardInTheirMajorKeyAndAsPositiveValence()
    {
        var judged = AttributeJudge.Judge(Chords([C, F, G, C, C, F, G, C], 80));
        Assert.Equal(new Key(0, Mode.Major), judged.Key);
        Assert.True(judged.PositiveValence);
        Assert.Equal(1.0, judged.HarmonyBalance, 6);
    }

    [Fact]
    public void DensityBinAndArousalFollowTheNoteRate()
    {
        // Four-note chords, one per half bar: 8 notes a bar (bin 2); four per half bar: 32 (bin 5).
        var sparse = AttributeJudge.Judge(Chords([C, F, G, C, C, F, G, C], 70));
        var busy = AttributeJudge.Judge(Chords([C, F, G, C, C, F, G, C], 120, notesPerHalfBar: 4));
        Assert.Equal(2, sparse.DensityBin);
        Assert.Equal(5, busy.DensityBin);
        Assert.False(sparse.HighArousal);
        Assert.True(busy.HighArousal);
        Assert.Equal(8 / (16 * 15.0 / 70), sparse.NotesPerSecond, 6); // a bar of 16 sixteenths at 70 BPM lasts 3.43 s
    }

    [Fact]
    public void OnlyTheRequestedBarsAreJudged()
    {
        var primer = Chords([C, F, G, C], 100); // bars 0-1 in C major
        var continuation = Chords([Am, Dm, E, Am, Am, Dm, E, Am], 100);
        var both = primer with { Notes = primer.Notes.Concat(continuation.Notes.Select(n => n with { Start = n.Start + 32 })).ToList() };
        Assert.Equal(new Key(9, Mode.Minor), AttributeJudge.Judge(both, fromBar: 2, bars: 4).Key);
    }

    [Fact]
    public void SettingNamesRoundTrip()
    {
        var grid = ControlSetting.Grid([9, 6], seeds: 2);
        Assert.Equal(2 * 4 * 3 * 2, grid.Count);
        Assert.All(grid, s => Assert.Equal(s, ControlSetting.Parse(s.Name)));
        Assert.Null(ControlSetting.Parse("A-Cheerful-d2-s1"));
    }

    [Fact]
    public void ResolverPicksADensityOnTheRequestedSideOfTheArousalBoundary()
    {
        // 100 BPM: a 4/4 bar lasts 2.4 s; the boundary (5 notes/s) is 12 notes a bar.
        Assert.Equal(4, AttributeResolver.DensityForArousal(high: true, 100, Meter.FourFour));  // 16-22 a bar
        Assert.Equal(1, AttributeResolver.DensityForArousal(high: false, 100, Meter.FourFour)); // 4-8 a bar
        Assert.Equal(2, AttributeResolver.DensityForArousal(high: false, 70, Meter.FourFour));  // 8-12 a bar at 3.4 s
    }
}
