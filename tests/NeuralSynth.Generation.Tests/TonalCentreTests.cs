using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class TonalCentreTests
{
    private static double TonicBassShareOnStrongBeats(float bias)
    {
        var attributes = AttributeResolver.Compose(new Key(9, Mode.Minor), Meter.FourFour, 100, 3, 4, Emotion.Sad);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 11)
        {
            Constraints = new GrammarConstraints(Key: attributes.Key),
            TonicBassBias = bias,
        };
        session.Start(attributes, 100);
        session.GenerateUntilBar(200);
        var bass = session.Notes.Where(n => n.Start % 8 == 0).GroupBy(n => n.Start).Select(g => g.Min(n => n.Pitch)).ToList();
        Assert.True(bass.Count > 30, $"only {bass.Count} strong-beat onsets");
        Console.WriteLine($"bias {bias}: {bass.Count} strong-beat onsets");
        return bass.Count(p => p % 12 == 9) / (double)bass.Count;
    }

    [Fact]
    public void TonicBiasPutsTheRequestedTonicInTheBassOfStrongBeats()
    {
        double without = TonicBassShareOnStrongBeats(0f), with = TonicBassShareOnStrongBeats(1.5f);
        // The fake model's logits are uniform-ish noise, so without the bias about 1 in 8 allowed pitch classes.
        Assert.True(with > without + 0.15, $"tonic in the bass {without:P0} without the bias, {with:P0} with it");
    }
}
