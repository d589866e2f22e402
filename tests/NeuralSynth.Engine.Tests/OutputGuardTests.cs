using NeuralSynth.Engine.Dsp;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class OutputGuardTests
{
    [Fact]
    public void NaNInfinityAndDenormalsBecomeZero()
    {
        var samples = new float[37];
        for (int i = 0; i < samples.Length; i++) samples[i] = 0.5f;
        samples[3] = float.NaN;
        samples[9] = float.PositiveInfinity;
        samples[20] = float.NegativeInfinity;
        samples[33] = float.NaN; // in the scalar tail
        samples[11] = 1e-40f;
        int replaced = OutputGuard.Sanitize(samples);
        Assert.Equal(4, replaced);
        Assert.All(samples, s => Assert.True(float.IsFinite(s)));
        Assert.Equal(0f, samples[11]);
        Assert.Equal(0.5f, samples[0]);
    }
}
