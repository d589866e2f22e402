using System.Globalization;
using NeuralSynth.Engine.Core;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// Reproduces NeuralAmpModelerCore's renders (tools/render at daae2d0: 64-sample buffers, Reset(48000, 64)
/// with pre-warm; <c>--slim S</c> = SetSlimmableSize(S) before the reset) of the format 0.6/0.7 example
/// models: A2 (SlimmableContainer of WaveNets), a container of LSTM/WaveNets, a slimmable WaveNet, and
/// WaveNets with a condition DSP, gating modes, grouped convs, FiLM and the newer activations. The size is
/// set through the processor's "Size" knob, so these also pin the knob-to-SetSlimmableSize mapping.
/// </summary>
public sealed class NamA2GoldenTests(ITestOutputHelper output)
{
    public static TheoryData<string, string?> Renders => new()
    {
        { "A2", null }, { "A2", "0" }, { "A2", "0.5" },
        { "slimmable_container", null }, { "slimmable_container", "0" }, { "slimmable_container", "0.5" },
        { "slimmable_wavenet", null },
        { "wavenet_a2_max", null },
        { "wavenet_condition_dsp", null },
    };

    [Theory]
    [MemberData(nameof(Renders))]
    public void ProcessorMatchesNeuralAmpModelerCoreRender(string name, string? slim)
    {
        var processor = NamProcessor.Load(RepoPaths.NamA2Model(name));
        if (slim is not null) EffectModelFactory.SetKnob(processor, "size", float.Parse(slim, CultureInfo.InvariantCulture));
        var (input, rate) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        string golden = slim is null ? $"{name}.out.wav" : $"{name}.slim{slim}.out.wav";
        var (reference, _) = WavFile.ReadMono(RepoPaths.NamA2Golden(golden));
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
        output.WriteLine($"{golden}: ESR {esr:E3}");
        Assert.True(esr <= 1e-6, $"{golden}: ESR {esr:E3} exceeds 1e-6");
    }
}
