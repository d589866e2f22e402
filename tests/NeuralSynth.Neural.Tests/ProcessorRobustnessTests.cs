using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>The audio-thread contract: odd host behaviour degrades gracefully instead of throwing or latching.</summary>
public sealed class ProcessorRobustnessTests
{
    private static float[] Signal(int n) => Enumerable.Range(0, n).Select(i => 0.3f * MathF.Sin(i * 0.05f)).ToArray();

    [Fact]
    public void BlockLargerThanPreparedIsProcessedInPieces()
    {
        var input = Signal(1000);
        var expected = (float[])input.Clone();
        var reference = NamProcessor.Load(RepoPaths.NamModel("dumble"));
        reference.Prepare(48000, 1000, 1);
        reference.Process(new AudioBlock(new[] { expected }, 0, 1000));

        var small = NamProcessor.Load(RepoPaths.NamModel("dumble"));
        small.Prepare(48000, 64, 1);
        var actual = (float[])input.Clone();
        small.Process(new AudioBlock(new[] { actual }, 0, 1000));
        for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f);
    }

    [Theory]
    [InlineData("lstm")]
    [InlineData("wavenet_a1_standard")]
    public void NonFiniteInputDoesNotPoisonTheModel(string name)
    {
        var processor = NamProcessor.Load(RepoPaths.NamModel(name));
        processor.Prepare(48000, 64, 1);
        var block = Signal(64);
        block[10] = float.NaN;
        block[20] = float.PositiveInfinity;
        processor.Process(new AudioBlock(new[] { block }, 0, 64));
        Assert.All(block, s => Assert.True(float.IsFinite(s)));
        for (int i = 0; i < 50; i++)
        {
            var next = Signal(64);
            processor.Process(new AudioBlock(new[] { next }, 0, 64));
            Assert.All(next, s => Assert.True(float.IsFinite(s)));
        }
    }

    [Fact]
    public void PrewarmCanBeTurnedOffAndResetRestartsIdentically()
    {
        var processor = NamProcessor.Load(RepoPaths.NamModel("wavenet"));
        processor.PrewarmOnReset = false;
        processor.Prepare(48000, 32, 1);
        var first = Signal(32);
        processor.Process(new AudioBlock(new[] { first }, 0, 32));
        processor.Reset();
        var second = Signal(32);
        processor.Process(new AudioBlock(new[] { second }, 0, 32));
        Assert.Equal(first, second);
    }
}
