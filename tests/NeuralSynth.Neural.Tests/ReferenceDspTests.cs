using NeuralSynth.Neural.Reference;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>The reference effects do what their definitions say (they are the training targets).</summary>
public sealed class ReferenceDspTests
{
    [Fact]
    public void OverdriveKeepsSilenceSilentAndClipsAsymmetrically()
    {
        var drive = new OverdriveDsp(48000);
        drive.SetKnob(0, 1);
        drive.SetKnob(1, 1);
        var silence = new float[480];
        drive.Process(silence, silence);
        Assert.All(silence, s => Assert.Equal(0f, s));

        var up = Enumerable.Repeat(1f, 4800).ToArray();
        var down = Enumerable.Repeat(-1f, 4800).ToArray();
        drive.Reset();
        drive.Process(up, up);
        drive.Reset();
        drive.Process(down, down);
        float expectedUp = OverdriveDsp.OutputLevel * (1 - MathF.Tanh(OverdriveDsp.Bias));
        float expectedDown = OverdriveDsp.OutputLevel * (-1 - MathF.Tanh(OverdriveDsp.Bias));
        Assert.Equal(expectedUp, up[^1], 3);
        Assert.Equal(expectedDown, down[^1], 3);
    }

    [Fact]
    public void CompressorFollowsItsStaticCurve()
    {
        var comp = new CompressorDsp(48000);
        comp.SetKnob(0, 0); // threshold -36 dB
        comp.SetKnob(1, 1); // ratio 8
        float makeupDb = 0.5f * (1 - 1 / 8f) * 36;
        Assert.Equal(0f, comp.GainDb(-50));
        Assert.Equal(-(1 - 1 / 8f) * 16, comp.GainDb(-20), 4);

        // A steady 0 dBFS square settles to gain reduction (36 dB over) plus make-up.
        var square = Enumerable.Range(0, 48000).Select(i => i / 24 % 2 == 0 ? 1f : -1f).ToArray();
        comp.Process(square, square);
        float expected = MathF.Pow(10, (-(1 - 1 / 8f) * 36 + makeupDb) / 20);
        Assert.Equal(expected, MathF.Abs(square[^1]), 3);
    }

    [Fact]
    public void UnknownEffectIsRefused() => Assert.Throws<ArgumentException>(() => ReferenceEffects.Create("fuzz", 48000));
}
