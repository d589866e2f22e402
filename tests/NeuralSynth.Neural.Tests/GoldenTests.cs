using NeuralSynth.Engine.Core;
using NeuralSynth.Neural.Nam;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// Reproduces NeuralAmpModelerCore's own renders (tools/render: 64-sample buffers, Reset(48000, 64), which
/// pre-warms) of the shipped models to within float rounding.
/// </summary>
public sealed class GoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new() { "wavenet_a1_standard", "ac10", "deluxe", "dumble", "lstm", "wavenet" };

    [Theory]
    [MemberData(nameof(Models))]
    public void ProcessorMatchesNeuralAmpModelerCoreRender(string name)
    {
        var processor = NamProcessor.Load(RepoPaths.NamModel(name));
        var (input, rate) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        var (reference, _) = WavFile.ReadMono(RepoPaths.Golden(name + ".out.wav"));
        Assert.Equal(48000, rate);
        Assert.Equal(input.Length, reference.Length);

        processor.Prepare(48000, 64, 2);
        Assert.Equal(0, processor.LatencySamples);
        var left = (float[])input.Clone();
        var right = new float[input.Length];
        var channels = new[] { left, right };
        for (int start = 0; start < input.Length; start += 64)
            processor.Process(new AudioBlock(channels, start, Math.Min(64, input.Length - start)));

        double esr = Esr.Compute(left, reference);
        output.WriteLine($"{name}: ESR {esr:E3}");
        Assert.True(esr <= 1e-6, $"{name}: ESR {esr:E3} exceeds 1e-6");
        Assert.Equal(left, right);
    }

    [Fact]
    public void WithoutPrewarmTheStartDiffersFromNeuralAmpModelerCore()
    {
        // NAM's Reset() feeds silence through the model; skipping it leaves the WaveNet's zeroed buffers
        // audible for one receptive field, which is why PrewarmOnReset defaults to true.
        var model = NamModelLoader.Load(RepoPaths.NamModel("wavenet_a1_standard"));
        var (input, _) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        var (reference, _) = WavFile.ReadMono(RepoPaths.Golden("wavenet_a1_standard.out.wav"));
        var cold = ModelRunner.Render(model.Network, input, 64);
        Assert.True(Esr.Compute(cold, reference) > 1e-4);
        var warm = ModelRunner.Render(model.Network, input, 64, prewarm: true);
        Assert.True(Esr.Compute(warm, reference) <= 1e-6);
    }
}
