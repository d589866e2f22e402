using NeuralSynth.Neural.Nam;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// Reproduces NeuralAmpModelerCore's own renders (tools/render: 64-sample buffers, Reset(48000, 64)) of the
/// shipped models to within float rounding.
/// </summary>
public sealed class GoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string> Models => new() { "wavenet_a1_standard", "ac10", "deluxe", "dumble", "lstm", "wavenet" };

    [Theory]
    [MemberData(nameof(Models))]
    public void MatchesNeuralAmpModelerCoreRender(string name)
    {
        var model = NamModelLoader.Load(RepoPaths.NamModel(name));
        var (input, rate) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        var (reference, _) = WavFile.ReadMono(RepoPaths.Golden(name + ".out.wav"));
        Assert.Equal(48000, rate);

        var actual = ModelRunner.Render(model.Network, input, 64);
        double esr = Esr.Compute(actual, reference);
        output.WriteLine($"{name}: ESR {esr:E3}");
        Assert.True(esr <= 1e-6, $"{name}: ESR {esr:E3} exceeds 1e-6");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PrewarmVariant(string name)
    {
        var model = NamModelLoader.Load(RepoPaths.NamModel(name));
        var (input, _) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        var (reference, _) = WavFile.ReadMono(RepoPaths.Golden(name + ".out.wav"));
        var actual = ModelRunner.Render(model.Network, input, 64, prewarm: true);
        output.WriteLine($"{name} prewarm: ESR {Esr.Compute(actual, reference):E3}");
    }
}
