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
    /// (the render is deterministic). A decoder shipped without an entry fails: measure it and add one.
    /// History: the 16 kHz decoders measured 0.76 (violin), 1.34 (flute), 1.57 (trumpet) on 2026-12-03, the empty
    /// band above 8 kHz costing them most. The 48 kHz decoders that replaced them (issue #15, steps 598–606)
    /// measured 2026-12-03: cello 3.77, clarinet 4.61, flute 4.58, trumpet 4.79, violin 2.93, voice 3.52.
    /// </summary>
    private static readonly Dictionary<string, double> MinimumAdvantage = new()
    {
        ["cello"] = 3.65, ["clarinet"] = 4.47, ["flute"] = 4.44, ["trumpet"] = 4.65, ["violin"] = 2.84, ["voice"] = 3.41,
    };

    /// <summary>Issue #15's goal for full-band decoders: 8–16 kHz energy within this many dB of FluidR3_GM's.</summary>
    public const double BandToleranceDb = 6;

    /// <summary>
    /// Per full-band decoder, the largest |ours − FluidR3_GM| in the 8–16 kHz band (dB) this excerpt may read: about
    /// 1 dB over what it measured (rounded up to 0.5 dB), never over the issue's <see cref="BandToleranceDb"/>.
    /// Measured 2026-12-03, ours against FluidR3_GM: cello −37.7/−41.6 (3.9 dB), clarinet −73.7/−77.5 (3.8; the
    /// reference is near the 16-bit floor there), flute −47.7/−42.6 (5.1), trumpet −38.4/−40.5 (2.1), violin
    /// −34.7/−31.4 (3.3), voice −38.0/−38.1 (0.1).
    /// </summary>
    private static readonly Dictionary<string, double> MaximumBandOffsetDb = new()
    {
        ["cello"] = 5.0, ["clarinet"] = 5.0, ["flute"] = 6.0, ["trumpet"] = 3.5, ["violin"] = 4.5, ["voice"] = 1.5,
    };

    /// <summary>Which shipped decoders reach the top octave (manifest bandMaxHz ≥ 16 kHz): those must also meet the
    /// band goal below. All six since issue #15's full-band decoders shipped.</summary>
    [Fact]
    public void FullBandDecodersAreTheExpectedOnes() =>
        Assert.Equal(["cello", "clarinet", "flute", "trumpet", "violin", "voice"], TestSupport.ShippedInstruments().Where(i => FullBand(i)).ToArray());

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
        {
            Assert.True(MaximumBandOffsetDb.TryGetValue(instrument, out double offset), $"{instrument}: no measured bound in QualityTests.MaximumBandOffsetDb");
            Assert.True(offset <= BandToleranceDb, $"{instrument}: its band bound {offset} dB is over the issue's goal ({BandToleranceDb} dB)");
            Assert.True(Math.Abs(bandOurs - bandRef) <= offset, $"{instrument}: 8–16 kHz at {bandOurs:F1} dB, FluidR3_GM {bandRef:F1} dB (bound ±{offset} dB)");
        }
    }
}
