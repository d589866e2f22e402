using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;
using Xunit;

namespace NeuralSynth.Generation.Tests;

public class DensityGuidanceTests
{
    private static double NotesPerBar(int density, float strength)
    {
        var attributes = AttributeResolver.Compose(new Key(2, Mode.Major), Meter.FourFour, 100, density, 4, Emotion.Calm);
        using var model = new FakeTokenModel();
        var session = new GenerationSession(model, seed: 21) { DensityStrength = strength };
        session.Start(attributes, 100);
        session.GenerateUntilBar(40);
        return session.Notes.Count / 40.0;
    }

    [Fact]
    public void GuidancePullsTheCountTowardTheRequestedBinBothWays()
    {
        // The fake model ignores the density token and leans hard toward Bar/Position (short, sparse bars), a
        // harder case than a trained model; guidance must move it up for a busy bin and toward a sparse bin's centre.
        double alone = NotesPerBar(1, 0f);
        Assert.Equal(alone, NotesPerBar(4, 0f));
        double sparse = NotesPerBar(1, GenerationRequest.DefaultDensityGuidance), busy = NotesPerBar(4, GenerationRequest.DefaultDensityGuidance);
        Console.WriteLine($"alone {alone:0.0}, guided to bin 1 {sparse:0.0}, to bin 4 {busy:0.0} notes a bar");
        Assert.InRange(sparse, 4, 8); // bin 1, nearer its centre (6) than the model alone
        Assert.True(Math.Abs(sparse - 6) < Math.Abs(alone - 6), $"sparse {sparse:0.0} vs {alone:0.0}");
        Assert.True(busy > alone + 2, $"busy {busy:0.0} vs {alone:0.0}");
    }
}
