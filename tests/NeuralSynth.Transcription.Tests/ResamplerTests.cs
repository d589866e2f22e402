using NeuralSynth.Engine.Dsp.Resampling;
using NeuralSynth.Transcription.Audio;

namespace NeuralSynth.Transcription.Tests;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(44100, 22050)]
    [InlineData(48000, 22050)]
    [InlineData(16000, 22050)]
    public void StreamingInSmallChunksEqualsWholeSignal(int inRate, int outRate)
    {
        float[] input = Tone(inRate, 440, inRate / 4);
        float[] whole = LibrosaResampler.Resample(input, inRate, outRate);

        var streaming = LibrosaResampler.CreateStreaming(inRate, outRate, 128);
        var collected = new List<float>();
        var buffer = new float[streaming.MaxOutputFor(128)];
        for (int i = 0; i < input.Length; i += 128)
        {
            int n = streaming.Process(input.AsSpan(i, Math.Min(128, input.Length - i)), buffer);
            collected.AddRange(buffer.AsSpan(0, n));
        }

        streaming.Complete();
        int m;
        while ((m = streaming.Drain(buffer)) > 0)
        {
            collected.AddRange(buffer.AsSpan(0, m));
        }

        Assert.Equal(whole.Length, collected.Count);
        Assert.Equal(StreamingResampler.OutputLength(input.Length, inRate, outRate), whole.Length);
        for (int i = 0; i < whole.Length; i++)
        {
            Assert.Equal(whole[i], collected[i], 6);
        }
    }

    [Fact]
    public void PassbandToneKeepsAmplitudeAndAliasIsRejected()
    {
        float[] pass = LibrosaResampler.Resample(Tone(44100, 1000, 44100), 44100, 22050);
        Assert.InRange(Rms(pass.AsSpan(2000, 18000)), 0.7071 * 0.999, 0.7071 * 1.001);

        // 15 kHz cannot be represented at 22.05 kHz and must not fold back into the band.
        float[] stop = LibrosaResampler.Resample(Tone(44100, 15000, 44100), 44100, 22050);
        Assert.True(Rms(stop.AsSpan(2000, 18000)) < 1e-5);
    }

    [Fact]
    public void HqDesignMatchesSoxrForTwoToOne()
    {
        SoxrHqLowpass design = SoxrHqLowpass.ForRatio(0.5);
        Assert.Equal(1, design.Length % 4);
        Assert.InRange(design.Cutoff, 0.478, 0.479);
        Assert.InRange(design.Beta, 12.5, 13.5);
    }

    private static float[] Tone(int rate, double hz, int length)
    {
        var x = new float[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = (float)Math.Sin(2 * Math.PI * hz * i / rate);
        }

        return x;
    }

    private static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += v * v;
        }

        return Math.Sqrt(sum / x.Length);
    }
}
