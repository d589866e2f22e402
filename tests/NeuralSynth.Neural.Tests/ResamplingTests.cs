using System.Text;
using System.Text.Json.Nodes;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp.Resampling;
using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

public sealed class ResamplingTests
{
    /// <summary>A 48 kHz NAM "Linear" model that passes audio through unchanged.</summary>
    private static NamModel Identity() => NamModelLoader.Parse(Encoding.UTF8.GetBytes(new JsonObject
    {
        ["version"] = "0.5.2",
        ["architecture"] = "Linear",
        ["config"] = new JsonObject { ["receptive_field"] = 1, ["bias"] = false },
        ["weights"] = new JsonArray(1.0),
    }.ToJsonString()), "identity.nam");

    [Theory]
    [InlineData(44100, 1000.0)]
    [InlineData(44100, 15000.0)]
    [InlineData(96000, 5000.0)]
    [InlineData(32000, 12000.0)]
    public void IdentityModelAtAnotherHostRateIsADelayOfLatencySamples(int hostRate, double frequency)
    {
        var processor = new NamProcessor(Identity());
        processor.Prepare(hostRate, 100, 1);
        int latency = processor.LatencySamples;
        Assert.InRange(latency, 1, 400);
        Assert.Equal(latency, ((NeuralSynth.Engine.Core.IAudioProcessor)processor).LatencySamples);

        int frames = hostRate / 4;
        var signal = new float[frames];
        for (int i = 0; i < frames; i++) signal[i] = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * i / hostRate));
        var buffer = (float[])signal.Clone();
        var random = new Random(5);
        for (int start = 0; start < frames;)
        {
            int n = Math.Min(random.Next(1, 101), frames - start);
            processor.Process(new AudioBlock(new[] { buffer }, start, n));
            start += n;
        }

        double worst = 0;
        for (int i = latency + 2000; i < frames; i++) worst = Math.Max(worst, Math.Abs(buffer[i] - signal[i - latency]));
        Assert.True(worst < 1e-3, $"max error {worst:E2} at {hostRate} Hz / {frequency} Hz, latency {latency}");
    }

    [Fact]
    public void ContentAboveTheLowerNyquistIsRemoved()
    {
        // 30 kHz at 96 kHz cannot pass a 48 kHz model: the converter must reject it, not alias it down.
        var resampler = new StreamingResampler(96000, 48000, RealtimeSincLowpass.ForRates(96000, 48000), 256);
        var input = new float[256];
        var output = new float[resampler.MaxOutputFor(256)];
        double energy = 0;
        int phase = 0;
        for (int block = 0; block < 100; block++)
        {
            for (int i = 0; i < input.Length; i++, phase++) input[i] = (float)Math.Sin(2 * Math.PI * 30000 * phase / 96000);
            int n = resampler.Process(input, output);
            if (block > 10) for (int i = 0; i < n; i++) energy = Math.Max(energy, Math.Abs(output[i]));
        }
        Assert.True(energy < 1e-4, $"residual {energy:E2}");
    }

    [Fact]
    public void PassbandIsFlatTo044OfTheLowerRate()
    {
        foreach (double frequency in new[] { 100.0, 10000.0, 19000.0 })
        {
            var up = new StreamingResampler(44100, 48000, RealtimeSincLowpass.ForRates(44100, 48000), 64);
            var input = new float[64];
            var output = new float[up.MaxOutputFor(64)];
            double peak = 0;
            int phase = 0;
            for (int block = 0; block < 400; block++)
            {
                for (int i = 0; i < 64; i++, phase++) input[i] = (float)Math.Sin(2 * Math.PI * frequency * phase / 44100);
                int n = up.Process(input, output);
                if (block > 100) for (int i = 0; i < n; i++) peak = Math.Max(peak, Math.Abs(output[i]));
            }
            Assert.InRange(20 * Math.Log10(peak), -0.02, 0.02);
        }
    }
}
