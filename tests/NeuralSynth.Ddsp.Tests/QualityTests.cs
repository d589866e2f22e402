using NeuralSynth.Ddsp.Model;
using NeuralSynth.Engine.Audio;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// Issue #15 item 3 in small: each shipped decoder, driven by the ground-truth controls of a held-out melody,
/// against FluidR3_GM's render of that melody (data/reference, 3 s at 48 kHz, made by
/// models/ddsp/recipe/reference_renders.py) and against the flat-harmonic baseline through the same synth.
/// </summary>
public class QualityTests(ITestOutputHelper output)
{
    private static string Reference(string name) => Path.Combine(TestSupport.RepoRoot, "tests", "NeuralSynth.Ddsp.Tests", "data", "reference", name);

    /// <summary>
    /// Baseline distance over decoder distance, per shipped decoder: a bound about 3 % under what it measured
    /// (the render is deterministic). Measured 2026-12-03 on the shipped 16 kHz decoders: violin 0.76, flute 1.34,
    /// trumpet 1.57 — at 48 kHz the empty band above 8 kHz costs them so much that the violin loses to the flat
    /// baseline (issue #15's goal is 2). A decoder shipped without an entry fails: measure it and add one.
    /// </summary>
    private static readonly Dictionary<string, double> MinimumAdvantage = new()
    {
        ["violin"] = 0.74, ["flute"] = 1.30, ["trumpet"] = 1.52,
    };

    /// <summary>Issue #15's goal for full-band decoders: 8–16 kHz energy within this many dB of FluidR3_GM's.</summary>
    public const double BandToleranceDb = 6;

    /// <summary>Which shipped decoders reach the top octave (manifest bandMaxHz ≥ 16 kHz): those must also meet the
    /// band goal below. None yet: the full-band recipe's decoders are still training.</summary>
    [Fact]
    public void FullBandDecodersAreTheExpectedOnes() =>
        Assert.Equal(Array.Empty<string>(), TestSupport.ShippedInstruments().Where(i => FullBand(i)).ToArray());

    private static bool FullBand(string instrument) => DecoderManifest.Load(TestSupport.Decoder(instrument)).BandMaxHz >= 16000;

    [Theory]
    [MemberData(nameof(TestSupport.Instruments), MemberType = typeof(TestSupport))]
    public void DecoderBeatsTheFlatBaselineAgainstFluidR3(string instrument)
    {
        var reference = AudioFile.Read(Reference($"{instrument}.wav"));
        Assert.Equal((int)ControlledRender.SampleRate, reference.SampleRate);
        var (f0, loudness) = ControlledRender.ReadControls(Reference($"{instrument}.controls.csv"));
        using var model = DecoderModel.Load(TestSupport.Decoder(instrument));
        float[] target = reference.Mono();
        int length = Math.Min(target.Length, f0.Length * 192);
        float[] ours = ControlledRender.Decoder(model, f0, loudness)[..length];
        float[] baseline = ControlledRender.FlatBaseline(f0, loudness)[..length];
        target = target[..length];
        double dOurs = SpectralDistance.Compute(target, ours), dBase = SpectralDistance.Compute(target, baseline);
        double bandRef = BandEnergy.RelativeDb(target, 48000, 8000, 16000), bandOurs = BandEnergy.RelativeDb(ours, 48000, 8000, 16000);
        output.WriteLine($"{instrument}: distance ours {dOurs:F3}, baseline {dBase:F3}, ratio {dBase / dOurs:F2}; 8-16 kHz FluidR3 {bandRef:F1} dB, ours {bandOurs:F1} dB");
        Assert.True(MinimumAdvantage.TryGetValue(instrument, out double minimum), $"{instrument}: no measured bound in QualityTests.MinimumAdvantage");
        Assert.True(dBase / dOurs >= minimum, $"{instrument}: baseline/decoder distance {dBase / dOurs:F2} (ours {dOurs:F3}, baseline {dBase:F3}), expected ≥ {minimum}");
        if (FullBand(instrument))
            Assert.True(Math.Abs(bandOurs - bandRef) <= BandToleranceDb, $"{instrument}: 8–16 kHz at {bandOurs:F1} dB, FluidR3_GM {bandRef:F1} dB");
    }
}
