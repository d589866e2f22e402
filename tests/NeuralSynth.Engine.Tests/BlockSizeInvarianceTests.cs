using NeuralSynth.Engine.Midi;
using NeuralSynth.Engine.Rendering;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class BlockSizeInvarianceTests
{
    [Fact]
    public void DemoRenderIsTheSameForEveryBlockSize()
    {
        var sequence = MidiFileLoader.Load(TestSupport.DemoMidi);
        const double seconds = 8.0; // covers the tempo change, bends, vibrato and pedal
        float[] Render(int blockSize)
        {
            var engine = TestSupport.PreparedEngine(48000, blockSize);
            return OfflineRenderer.Render(engine, sequence.Events, 48000, blockSize, 1, seconds).Channels[0];
        }

        float[] reference = Render(128);
        Assert.True(reference.Max(MathF.Abs) > 0.05f, "the render should not be silent");
        foreach (int blockSize in new[] { 1, 7, 64, 1024 })
        {
            float[] other = Render(blockSize);
            Assert.Equal(reference.Length, other.Length);
            float maxError = 0;
            for (int i = 0; i < reference.Length; i++) maxError = Math.Max(maxError, Math.Abs(reference[i] - other[i]));
            Assert.True(maxError <= 1e-5f, $"block size {blockSize}: max difference {maxError}");
        }
    }
}
