using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Neural.Nam;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// The "Size" knob of slimmable NAM models: it allocates nothing on the audio thread, even while being swept
/// across submodels, and a switch crossfades instead of jumping.
/// </summary>
public sealed class SlimmableSizeKnobTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("A2")]
    [InlineData("slimmable_container")]
    [InlineData("slimmable_wavenet")]
    [InlineData("wavenet_a2_max")]
    [InlineData("wavenet_condition_dsp")]
    public void ProcessAllocatesNothingPerBlockWhileTheSizeIsSwept(string name)
    {
        var processor = NamProcessor.Load(RepoPaths.NamA2Model(name));
        processor.Prepare(48000, 128, 2);
        var channels = new[] { new float[128], new float[128] };
        var random = new Random(3);
        for (int i = 0; i < 128; i++) channels[0][i] = (float)(random.NextDouble() - 0.5);

        // Warm-up (tiered JIT) including size changes, then measure blocks of mixed sizes with a size sweep.
        for (int i = 0; i < 2000; i++)
        {
            processor.SetKnob(0, i % 400 / 400f);
            processor.Process(new AudioBlock(channels, 0, 1 + i % 128));
        }
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++)
        {
            processor.SetKnob(0, i % 200 / 200f);
            processor.Process(new AudioBlock(channels, 0, i % 3 == 0 ? 128 : 1 + i % 128));
        }
        processor.Reset();
        long allocated = allocations.Bytes;
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("A2", 1.0, 0.0)]
    [InlineData("A2", 0.0, 1.0)]
    [InlineData("slimmable_container", 1.0, 0.5)]
    [InlineData("slimmable_container", 0.0, 1.0)]
    [InlineData("slimmable_wavenet", 1.0, 0.0)]
    public void SwitchingSizeCrossfadesWithoutAClick(string name, double from, double to)
    {
        var processor = NamProcessor.Load(RepoPaths.NamA2Model(name));
        var network = (SlimmableNetwork)processor.Model.Network;
        processor.SetKnob(0, (float)from);
        processor.Prepare(48000, 64, 2);
        var (input, _) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        var left = (float[])input.Clone();
        var channels = new[] { left, new float[input.Length] };
        // The example input is silent for 1 s, then plays; switch a quarter second into the sound.
        int soundStart = 48000, switchAt = 60032;
        int firstActive = network.ActiveIndex, finishedAt = -1;
        for (int start = 0; start < input.Length; start += 64)
        {
            if (start == switchAt) processor.SetKnob(0, (float)to);
            processor.Process(new AudioBlock(channels, start, Math.Min(64, input.Length - start)));
            if (start >= switchAt && finishedAt < 0 && !network.Switching && network.ActiveIndex != firstActive) finishedAt = start;
        }
        Assert.True(finishedAt > 0, "the size change never completed");

        // The largest sample-to-sample step around the switch must stay near the signal's own largest step
        // (an abrupt swap between two differently trained networks shows up as a step well above it).
        float before = MaxStep(left, soundStart + 64, switchAt);
        float during = MaxStep(left, switchAt, finishedAt + 64);
        float after = MaxStep(left, finishedAt + 64, left.Length);
        output.WriteLine($"{name} {from}->{to}: max step before {before:F4}, during switch {during:F4}, after {after:F4}; switch took {(finishedAt - switchAt) / 48.0:F0} ms");
        Assert.True(during <= 1.1f * Math.Max(before, after), $"step {during} during the switch exceeds the signal's own ({before}, {after})");
    }

    [Fact]
    public void SizeKnobIsNamedSizeAndOnlySlimmableModelsHaveIt()
    {
        var a2 = NamProcessor.Load(RepoPaths.NamA2Model("A2"));
        Assert.Equal(["Size"], EffectModelFactory.KnobNames(a2));
        Assert.Equal([0.5], a2.Slimmable!.SizeBreakpoints);
        Assert.Empty(EffectModelFactory.KnobNames(NamProcessor.Load(RepoPaths.NamA2Model("wavenet_a2_max"))));
        Assert.Empty(EffectModelFactory.KnobNames(NamProcessor.Load(RepoPaths.NamModel("wavenet"))));
    }

    private static float MaxStep(float[] x, int from, int to)
    {
        float max = 0;
        for (int i = Math.Max(1, from); i < Math.Min(to, x.Length); i++) max = Math.Max(max, Math.Abs(x[i] - x[i - 1]));
        return max;
    }
}
