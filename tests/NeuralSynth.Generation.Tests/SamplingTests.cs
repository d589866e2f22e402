using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;
using NeuralSynth.Generation.Tokens;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class SamplingTests
{
    private static readonly MusicAttributes DMinor =
        new(new Key(2, Mode.Minor), Meter.FourFour, 1, 3, 4, Emotion.Sad);

    [Fact]
    public void KeyMaskHoldsOverHundredBarsWithTheRealModel()
    {
        using var model = Model.GeneratorModelInfo.Load(TestPaths.ModelPath).Open();
        var session = new GenerationSession(model, seed: 7)
        {
            Sampling = new SamplingOptions(Temperature: 1.2f, TopP: 1f), // hot, to tempt out-of-key notes
            Constraints = new GrammarConstraints(Key: DMinor.Key),
        };
        session.Start(DMinor, 96);
        session.GenerateUntilBar(100);

        Assert.Equal(100, session.CurrentBar);
        Assert.NotEmpty(session.Notes);
        Assert.Equal(0, session.Notes.Count(n => !ScaleTable.Allows("D minor", n.Pitch)));
    }

    [Fact]
    public void SampledStreamIsAlwaysValidRemi()
    {
        using var model = new FakeTokenModel(contextLength: 128); // small context forces many rebuilds
        var session = new GenerationSession(model, seed: 3) { Sampling = new SamplingOptions(1.5f, 0, 1f) };
        session.Start(DMinor with { Meter = Meter.ThreeFour }, 120);
        session.GenerateUntilBar(60);

        // Re-tokenizing the decoded notes gives back the same bar/position/note structure, chords aside.
        var body = session.BodyTokens.Where(t => RemiVocabulary.KindOf(t) is not (TokenKind.Chord or TokenKind.Tempo)).ToList();
        var tokens = session.PrefixTokens.Concat(session.BodyTokens).ToList();
        var (score, _) = new RemiTokenizer().Decode(tokens);
        var reencoded = new List<int>();
        new RemiTokenizer(includeChords: false).EncodeBody(ScoreCanonicalizer.Canonicalize(score), reencoded, 0, includeTempos: false);
        while (body.Count > 0 && body[^1] == RemiVocabulary.Bar) body.RemoveAt(body.Count - 1);
        while (reencoded.Count > 0 && reencoded[^1] == RemiVocabulary.Bar) reencoded.RemoveAt(reencoded.Count - 1);
        // The opening Position_0 (which held only the tempo) disappears when the first notes come later.
        if (body.Count > 1 && body[1] == RemiVocabulary.Id(TokenKind.Position, 0) && reencoded[1] != body[1]) body.RemoveAt(1);
        Assert.Equal(body, reencoded);
        Assert.All(score.Notes, n => Assert.InRange(n.Start % 12, 0, 11));
    }

    [Fact]
    public void SameSeedGivesSameOutput()
    {
        var request = new GenerationRequest(Bars: 4, Key: "D", Mode: "minor", Tempo: 96, Seed: 42);
        using var generator = new SymbolicGenerator(TestPaths.ModelPath);
        var a = generator.Generate(request);
        var b = generator.Generate(request);
        var c = generator.Generate(request with { Seed = 43 });
        Assert.Equal(a.Tokens, b.Tokens);
        Assert.Equal(a.Score.Notes, b.Score.Notes);
        Assert.NotEqual(a.Tokens, c.Tokens);
    }

    [Fact]
    public void ThemeRecursAtPhraseBoundaries()
    {
        var motif = new Score(
            [new ScoreNote(0, 4, 62, 88), new ScoreNote(4, 4, 65, 88), new ScoreNote(8, 4, 69, 88), new ScoreNote(12, 4, 74, 88)],
            [new TempoChange(0, 100)], Meter.FourFour);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 5) { Constraints = new GrammarConstraints(Key: DMinor.Key) };
        session.Start(DMinor, 100, theme: new ThemeOptions(motif, EveryBars: 4));
        session.GenerateUntilBar(13);

        foreach (int bar in new[] { 0, 4, 8, 12 })
        {
            var inBar = session.Notes.Where(n => n.Start / 16 == bar).Select(n => n with { Start = n.Start - bar * 16 }).ToList();
            Assert.Equal(motif.Notes, inBar);
        }
    }

    [Fact]
    public void PrimerIsKeptAndContinued()
    {
        var primer = new Score(
            Enumerable.Range(0, 8).Select(i => new ScoreNote(i * 4, 4, 60 + (i % 4) * 2, 72)).ToList(),
            [new TempoChange(0, 120)], Meter.FourFour);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 9);
        session.Start(DMinor with { Key = new Key(0, Mode.Major) }, 120, primer);
        Assert.Equal(1, session.CurrentBar); // primer fills bars 0-1
        session.GenerateUntilBar(6);
        Assert.Equal(primer.Notes, session.Notes.Take(primer.Notes.Count));
        Assert.Contains(session.Notes, n => n.Start >= 32);
    }
}
