using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Performance;
using NeuralSynth.Generation.Sampling;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class PerformanceTests
{
    private static MusicAttributes With(Emotion emotion, int density) =>
        AttributeResolver.Compose(new Key(9, Mode.Minor), Meter.FourFour, 100, density, 4, emotion);

    private static ScoreNote At(int step) => new(step, 2, 69, ExpressivePerformer.CorpusVelocity);

    [Fact]
    public void ArousalRaisesLoudnessAtTheSamePlace()
    {
        var happy = new ExpressivePerformer(With(Emotion.Happy, 4));
        var tense = new ExpressivePerformer(With(Emotion.Tense, 4));
        var calm = new ExpressivePerformer(With(Emotion.Calm, 1));
        var sad = new ExpressivePerformer(With(Emotion.Sad, 1));
        foreach (int step in new[] { 0, 6, 24, 40 })
        {
            Assert.True(happy.Velocity(At(step)) >= calm.Velocity(At(step)) + 20, $"step {step}");
            Assert.True(tense.Velocity(At(step)) >= sad.Velocity(At(step)) + 20, $"step {step}");
        }
    }

    [Fact]
    public void DownbeatsAreAccentedAndOffBeatsSofter()
    {
        var p = new ExpressivePerformer(With(Emotion.Calm, 2));
        // Same phrase position within a step or two, so the arc hardly differs: the accent decides.
        Assert.True(p.Velocity(At(16)) > p.Velocity(At(20)));
        Assert.True(p.Velocity(At(24)) > p.Velocity(At(20)));
        Assert.True(p.Velocity(At(20)) > p.Velocity(At(21)));
    }

    [Fact]
    public void PhraseSwellsToItsMiddleAndRelaxesAtItsEnd()
    {
        var p = new ExpressivePerformer(With(Emotion.Sad, 1));
        int start = p.Velocity(At(0)), middle = p.Velocity(At(32)), end = p.Velocity(At(48)), next = p.Velocity(At(64));
        Assert.True(middle > start + 8, $"{start} → {middle}");
        Assert.True(middle > end, $"{middle} → {end}");
        Assert.Equal(start, next); // every four-bar phrase has the same arc
    }

    [Fact]
    public void SampledNotesVaryButPrimerNotesKeepThePlayersVelocity()
    {
        var primer = new Score(
            Enumerable.Range(0, 8).Select(i => new ScoreNote(i * 4, 4, 69 + (i % 3) * 2, 40)).ToList(),
            [new TempoChange(0, 100)], Meter.FourFour);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 4);
        session.Start(With(Emotion.Happy, 4), 100, primer);
        session.GenerateUntilBar(10);
        var primerOnsets = primer.Notes.Select(n => (n.Start, n.Pitch)).ToHashSet();
        var played = session.Notes.Where(n => primerOnsets.Contains((n.Start, n.Pitch))).ToList();
        var sampled = session.Notes.Where(n => !primerOnsets.Contains((n.Start, n.Pitch))).ToList();
        Assert.Equal(primer.Notes.Count, played.Count);
        Assert.All(played, n => Assert.Equal(40, n.Velocity));
        Assert.True(sampled.Select(n => n.Velocity).Distinct().Count() >= 4, "sampled notes all at a few velocities");

        // The same stream without the performance: identical notes, the tokens' velocities; happy plays them louder.
        using var model2 = new FakeTokenModel();
        var plain = new GenerationSession(model2, seed: 4) { Perform = false };
        plain.Start(With(Emotion.Happy, 4), 100, primer);
        plain.GenerateUntilBar(10);
        Assert.Equal(session.Notes.Select(n => (n.Start, n.Pitch)), plain.Notes.Select(n => (n.Start, n.Pitch)));
        double lift = session.Notes.Zip(plain.Notes).Where(p => !primerOnsets.Contains((p.First.Start, p.First.Pitch)))
            .Average(p => p.First.Velocity - p.Second.Velocity);
        Assert.InRange(lift, 8, 20);
    }

    [Fact]
    public void PerformanceCanBeTurnedOffForTheModelsOwnVelocities()
    {
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 4) { Perform = false };
        session.Start(With(Emotion.Happy, 4), 100);
        session.GenerateUntilBar(6);
        Assert.All(session.Notes, n => Assert.Equal(0, (n.Velocity - 8) % 16)); // bin centres, straight from the tokens
    }
}
