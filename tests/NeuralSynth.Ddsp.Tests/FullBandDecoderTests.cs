using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// A decoder from the full-band recipe (48 kHz audio, 100 harmonics, noise bands to 24 kHz; issue #15),
/// exported after a few training steps (data/fullband48/README.md), loads, matches PyTorch, and drives the engine
/// to the top octave: the host-rate band limit and the noise-band mapping take the 48 kHz manifest as it is.
/// </summary>
public class FullBandDecoderTests
{
    private static string Folder => Path.Combine(TestSupport.RepoRoot, "tests", "NeuralSynth.Ddsp.Tests", "data", "fullband48");
    private static string ManifestPath => Path.Combine(Folder, "manifest.json");

    [Fact]
    public void ManifestDescribesTheFullBand()
    {
        using var model = DecoderModel.Load(ManifestPath);
        var m = model.Manifest;
        Assert.Equal(48000, m.SampleRate);
        Assert.Equal(250, m.FrameRate);
        Assert.Equal(100, m.Harmonics);
        Assert.Equal(65, m.NoiseBands);
        Assert.Equal(24000, m.BandMaxHz);
    }

    [Theory]
    [InlineData(DecoderRuntime.Managed)]
    [InlineData(DecoderRuntime.OnnxRuntime)]
    public void ReproducesPyTorchWithinTolerance(DecoderRuntime runtime)
    {
        // Measured 2026-12-03: 7.5e-8 on both runtimes (the shipped decoders' golden bound is 1e-4).
        double worst = GoldenTests.WorstDifference(ManifestPath, Path.Combine(Folder, "golden.json"), runtime);
        Assert.True(worst <= 1e-6, $"full-band decoder ({runtime}): largest difference from PyTorch {worst:E2}");
    }

    /// <summary>A 16 kHz decoder (a user's, or the former violin) still loads and matches its PyTorch golden.</summary>
    [Theory]
    [InlineData(DecoderRuntime.Managed)]
    [InlineData(DecoderRuntime.OnnxRuntime)]
    public void NarrowBandDecoderStillReproducesPyTorch(DecoderRuntime runtime)
    {
        double worst = GoldenTests.WorstDifference(TestSupport.Narrow16, Path.Combine(Path.GetDirectoryName(TestSupport.Narrow16)!, "golden.json"), runtime);
        Assert.True(worst <= 1e-4, $"16 kHz decoder ({runtime}): largest difference from PyTorch {worst:E2}");
    }

    /// <summary>One frame through the engine's seam (DdspTimbreSource) at a host rate, beside the decoder's own
    /// outputs for the same input (both from a zero state).</summary>
    private static (float[] Harmonics, float[] Noise, float Amplitude, float[] Distribution, float[] DecoderNoise) Decode(
        string manifest, double hostRate, float f0, float loudnessDb)
    {
        using var model = DecoderModel.Load(manifest);
        using var source = new DdspTimbreSource(model);
        source.Prepare(hostRate, 1, SynthEngine.MaxHarmonics);
        var frame = new TimbreFrame(1, SynthEngine.MaxHarmonics) { Count = 1 };
        frame.F0Hz[0] = f0;
        frame.LoudnessDb[0] = loudnessDb;
        source.Decode(frame);
        using var batch = model.CreateBatch(1);
        batch.F0Hz[0] = f0;
        batch.LoudnessDb[0] = loudnessDb;
        batch.Run(1);
        return (frame.HarmonicsOf(0).ToArray(), frame.NoiseOf(0).ToArray(), batch.Amplitude[0],
            batch.Distribution.AsSpan(0, batch.Harmonics).ToArray(), batch.Noise.AsSpan(0, batch.Bands).ToArray());
    }

    private static double ShareBetween(float[] amplitudes, float f0, double lowHz, double highHz)
    {
        double band = 0, total = 0;
        for (int k = 0; k < amplitudes.Length; k++)
        {
            total += amplitudes[k];
            if ((k + 1) * f0 >= lowHz && (k + 1) * f0 < highHz) band += amplitudes[k];
        }
        return band / total;
    }

    [Fact]
    public void HarmonicsReachTheTopOctaveAtFortyEightKilohertz()
    {
        const float f0 = 220f;
        var full = Decode(ManifestPath, 48000, f0, -25f);
        // Below 0.8 of the host's Nyquist (19.2 kHz) nothing is limited: amplitude × distribution as decoded.
        for (int k = 0; (k + 1) * f0 < 0.8 * 24000; k++)
            Assert.Equal(full.Amplitude * full.Distribution[k], full.Harmonics[k], 6);
        double share = ShareBetween(full.Harmonics, f0, 8000, 16000);
        Assert.True(share > 0.1, $"8–16 kHz harmonics carry {share:P1} of the amplitude");
        // A 16 kHz decoder stops at 8 kHz: the same measure reads zero on it, so it can fail.
        var narrow = Decode(TestSupport.Narrow16, 48000, f0, -25f);
        Assert.Equal(0, ShareBetween(narrow.Harmonics, f0, 8000, 16000));
    }

    [Fact]
    public void HarmonicsAboveTheHostNyquistAreDropped()
    {
        const float f0 = 440f;
        var at44 = Decode(ManifestPath, 44100, f0, -25f);
        double nyquist = 22050;
        for (int k = 0; k < at44.Harmonics.Length; k++)
        {
            double hz = (k + 1) * f0;
            float decoded = at44.Amplitude * at44.Distribution[k];
            if (hz >= 0.95 * nyquist) Assert.Equal(0f, at44.Harmonics[k]);
            else if (hz <= 0.8 * nyquist) Assert.Equal(decoded, at44.Harmonics[k], 6);
            else Assert.InRange(at44.Harmonics[k], 0f, decoded);
        }
        Assert.True(at44.Harmonics[(int)(17000 / f0) - 1] > 0, "harmonics below the fade must sound");
    }

    [Fact]
    public void NoiseBandsMapOntoTheHostsBands()
    {
        // At 48 kHz the engine's 65 bands are the decoder's (k·375 Hz): copied as they are.
        var at48 = Decode(ManifestPath, 48000, 330f, -25f);
        for (int b = 0; b < 65; b++) Assert.Equal(at48.DecoderNoise[b], at48.Noise[b], 6);
        // At 96 kHz engine band b sits at b·750 Hz = decoder band 2b, scaled by sqrt(96/48) for the same noise
        // power per Hz; above 24 kHz the decoder knows nothing and the bands are silent.
        var at96 = Decode(ManifestPath, 96000, 330f, -25f);
        for (int b = 0; b <= 32; b++) Assert.Equal(MathF.Sqrt(2f) * at96.DecoderNoise[2 * b], at96.Noise[b], 5);
        for (int b = 33; b < 65; b++) Assert.Equal(0f, at96.Noise[b]);
    }

    private static float[] Render(string manifest, int note)
    {
        using var source = DdspTimbreSource.Load(manifest);
        var engine = new SynthEngine();
        engine.SetTimbreSource(source);
        engine.Prepare(48000, 256, 1);
        const int frames = 48000;
        var output = new[] { new float[frames] };
        var noteOn = new[] { EngineEvent.NoteOn(0, note, 0.8f) };
        for (int start = 0; start < frames; start += 256)
            engine.Process(new AudioBlock(output, start, Math.Min(256, frames - start)), start == 0 ? noteOn : ReadOnlySpan<EngineEvent>.Empty);
        return output[0];
    }

    [Fact]
    public void EngineRenderHasEnergyAboveEightKilohertz()
    {
        // Measured 2026-12-03: full-band (a barely trained decoder: its spectrum is still nearly flat) -5.9 dB,
        // the former 16 kHz violin (data/narrow16) -62.2 dB. FluidR3_GM's violin reads about -31 dB (issue #15): these bounds test the
        // pipeline, not the timbre; the quality comparison against FluidR3_GM is models/ddsp/recipe/evaluate.py.
        double full = BandEnergy.RelativeDb(Render(ManifestPath, 57), 48000, 8000, 16000);
        double narrow = BandEnergy.RelativeDb(Render(TestSupport.Narrow16, 57), 48000, 8000, 16000);
        Assert.True(full > -10, $"full-band decoder: 8–16 kHz at {full:F1} dB of the total");
        Assert.True(narrow < -55, $"16 kHz violin: 8–16 kHz at {narrow:F1} dB of the total");
    }
}
