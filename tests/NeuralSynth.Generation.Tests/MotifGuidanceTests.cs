using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class MotifGuidanceTests
{
    // An arpeggio up a major triad and on to the octave (+4 +3 +5), with a lower voice under each onset that
    // must not count as the melody.
    private static Score Primer() => new(
        [
            new ScoreNote(0, 4, 60, 80), new ScoreNote(0, 4, 48, 80),
            new ScoreNote(4, 4, 64, 80), new ScoreNote(4, 4, 55, 80),
            new ScoreNote(8, 4, 67, 80),
            new ScoreNote(12, 4, 72, 80), new ScoreNote(12, 4, 52, 80),
        ],
        [new TempoChange(0, 100)], Meter.FourFour);

    [Fact]
    public void The_motif_is_the_primers_top_line_intervals()
    {
        var motif = MotifGuidance.FromPrimer(Primer(), everyBars: 2, strength: 5)!;
        Assert.Equal([4, 3, 5], motif.Intervals);
        Assert.Null(MotifGuidance.FromPrimer(Primer() with { Notes = Primer().Notes.Take(3).ToList() }, 2, 5)); // two onsets
        Assert.Null(MotifGuidance.FromPrimer(Primer(), 2, 0));
    }

    /// <summary>
    /// Occurrences of the contour (+4 +3 +5) in the melody (highest note per onset) after the primer's bar, counted
    /// here rather than by the guidance itself.
    /// </summary>
    private static int Recurrences(float strength)
    {
        var attributes = AttributeResolver.Compose(new Key(0, Mode.Major), Meter.FourFour, 100, 2, 4, Emotion.Happy);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 5) { MotifStrength = strength, TonicBassBias = 0, DensityStrength = 0 };
        session.Start(attributes, 100, Primer());
        session.GenerateUntilBar(65);
        var melody = session.Notes.Where(n => n.Start >= 16).GroupBy(n => n.Start).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).ToList();
        int hits = 0;
        for (int i = 0; i + 3 < melody.Count; i++)
            if (melody[i + 1] - melody[i] == 4 && melody[i + 2] - melody[i + 1] == 3 && melody[i + 3] - melody[i + 2] == 5) hits++;
        return hits;
    }

    [Fact]
    public void Guidance_makes_the_continuation_restate_the_primers_motif()
    {
        int without = Recurrences(0f), with = Recurrences(GenerationRequest.DefaultMotifGuidance);
        // 64 continued bars hold 32 statements at one every 2 bars; the fake model's logits are noise, so without
        // guidance the contour hardly ever appears by chance.
        Assert.True(with >= 14 && with >= without + 12, $"motif recurrences in 64 bars: {without} without guidance, {with} with it");
    }
}
