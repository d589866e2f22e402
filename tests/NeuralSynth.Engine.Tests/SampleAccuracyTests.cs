using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class SampleAccuracyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(127)]
    public void NoteOnAtOffsetStartsSoundingAtExactlyThatSample(int offset)
    {
        var engine = TestSupport.PreparedEngine(48000, 128, e => TestSupport.Steady(e));
        var buffers = new[] { new float[128], new float[128] };
        engine.Process(new AudioBlock(buffers, 0, 128), ReadOnlySpan<EngineEvent>.Empty); // some history first
        engine.Process(new AudioBlock(buffers, 0, 128), [EngineEvent.NoteOn(offset, 60, 1f)]);

        for (int i = 0; i < offset; i++) Assert.Equal(0f, buffers[0][i]);
        Assert.NotEqual(0f, buffers[0][offset]);
    }

    [Fact]
    public void ParameterEventTakesEffectAtItsSample()
    {
        var engine = TestSupport.PreparedEngine(48000, 256, e => TestSupport.Steady(e));
        var buffers = new[] { new float[256], new float[256] };
        var block = new AudioBlock(buffers, 0, 256);
        engine.Process(block, [EngineEvent.NoteOn(0, 60, 1f)]);
        engine.Process(block, ReadOnlySpan<EngineEvent>.Empty);
        // Master gain to -60 dB at sample 100: its 20 ms ramp starts there, not at the block start.
        engine.Process(block, [EngineEvent.Parameter(100, Synth.SynthParameters.MasterGain, -60)]);
        var copy = (float[])buffers[0].Clone();

        var twin = TestSupport.PreparedEngine(48000, 256, e => TestSupport.Steady(e));
        var twinBuffers = new[] { new float[256], new float[256] };
        twin.Process(new AudioBlock(twinBuffers, 0, 256), [EngineEvent.NoteOn(0, 60, 1f)]);
        twin.Process(new AudioBlock(twinBuffers, 0, 256), ReadOnlySpan<EngineEvent>.Empty);
        twin.Process(new AudioBlock(twinBuffers, 0, 256), ReadOnlySpan<EngineEvent>.Empty);

        for (int i = 0; i < 100; i++) Assert.Equal(twinBuffers[0][i], copy[i]);
        Assert.NotEqual(twinBuffers[0][120], copy[120]);
    }
}
