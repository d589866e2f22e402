using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

public class EngineIntegrationTests
{
    private static float[] Render(int blockSize, Action<SynthEngine>? configure = null, float velocity = 0.8f)
    {
        using var source = DdspTimbreSource.Load(TestSupport.Decoder("violin"));
        var engine = new SynthEngine();
        engine.SetTimbreSource(source);
        engine.Prepare(48000, 512, 1);
        configure?.Invoke(engine);
        const int frames = 24000;
        var output = new[] { new float[frames] };
        var noteOn = new[] { EngineEvent.NoteOn(0, 67, velocity) };
        for (int start = 0; start < frames; start += blockSize)
        {
            int length = Math.Min(blockSize, frames - start);
            engine.Process(new AudioBlock(output, start, length), start == 0 ? noteOn : ReadOnlySpan<EngineEvent>.Empty);
        }
        return output[0];
    }

    [Fact]
    public void DecodedOutputDoesNotDependOnBlockSize()
    {
        var a = Render(128);
        var b = Render(37);
        Assert.True(a.Max(Math.Abs) > 1e-3f, "silent");
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) < 1e-6f, $"sample {i}: {a[i]} vs {b[i]}");
    }

    [Fact]
    public void VelocityDrivesLoudnessThroughTheDecoder()
    {
        static double Rms(float[] x) => Math.Sqrt(x.Skip(9600).Select(s => (double)s * s).Average());
        double soft = Rms(Render(128, velocity: 0.2f));
        double loud = Rms(Render(128, velocity: 1.0f));
        Assert.True(loud > soft * 1.5, $"loud {loud:E2} vs soft {soft:E2}");
    }

    [Fact]
    public void ComposersDynamicsAreAudibleThroughTheDecoder()
    {
        // The composer's performance layer (NeuralSynth.Generation ExpressivePerformer) plays the same downbeat at
        // velocity 79 for a calm piece and 105 for a happy one (issue #20); the MIDI-DDSP expression must carry that
        // difference into the decoded violin's loudness, not flatten it.
        static double Db(float[] x) => 10 * Math.Log10(x.Skip(9600).Select(s => (double)s * s).Average());
        double calm = Db(Render(128, velocity: 79 / 127f));
        double happy = Db(Render(128, velocity: 105 / 127f));
        Console.WriteLine($"calm {calm:0.00} dB, happy {happy:0.00} dB");
        Assert.InRange(happy - calm, 3.5, 5.0); // measured 2026-12-03: 4.16 dB (16 kHz violin), 3.80 dB (48 kHz violin, step 606)
    }

    [Fact]
    public void ExpressionLoudnessFollowsVelocityControllersAndEnvelope()
    {
        var e = new ExpressionControls(LoudnessDb: -20, RangeDb: 30, VelocityAmount: 1f, ChannelDynamics: 1f, PressureSwell: 0f);
        Assert.Equal(-20f, e.VoiceLoudness(1f, 1f), 3);
        Assert.Equal(-35f, e.VoiceLoudness(0.5f, 1f), 3);
        Assert.Equal(-26.02f, e.VoiceLoudness(1f, 0.5f), 2);
        var swelled = e with { PressureSwell = 1f };
        Assert.Equal(-20f, swelled.VoiceLoudness(0.5f, 1f), 3);
        Assert.Equal(ExpressionControls.FloorDb, e.VoiceLoudness(1f, 0f));
    }
}
