using Xunit;

namespace NeuralSynth.Rave.Tests;

/// <summary>The pitch oracle of <see cref="QualityTests"/> checked on signals whose pitch is known by construction.</summary>
public class YinTests
{
    private static float[] Harmonic(double hz, int n, double amplitude = 0.3)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
            for (int k = 1; k <= 6; k++)
                x[i] += (float)(amplitude / k * Math.Sin(2 * Math.PI * k * hz * i / 48000));
        return x;
    }

    [Theory]
    [InlineData(65.4)]
    [InlineData(220.0)]
    [InlineData(466.2)]
    [InlineData(1318.5)]
    public void Finds_the_fundamental_of_a_harmonic_tone_within_5_cents(double hz)
    {
        var frames = Yin.Track(Harmonic(hz, 24000));
        Assert.NotEmpty(frames);
        Assert.All(frames, f =>
        {
            Assert.True(f.Voiced);
            Assert.InRange(Math.Abs(1200 * Math.Log2(f.Hz / hz)), 0, 5);
        });
    }

    [Fact]
    public void Silence_and_noise_are_unvoiced()
    {
        Assert.All(Yin.Track(new float[24000]), f => Assert.False(f.Voiced));
        var random = new Random(1);
        var noise = new float[24000];
        for (int i = 0; i < noise.Length; i++) noise[i] = (float)(random.NextDouble() - 0.5);
        Assert.True(Yin.Track(noise).Count(f => f.Voiced) < 3);
    }

    [Fact]
    public void Compare_counts_a_fifth_as_700_cents_and_misses_as_unvoiced()
    {
        var a = Yin.Track(Harmonic(220, 24000));
        var b = Yin.Track(Harmonic(220 * Math.Pow(2, 7 / 12.0), 24000));
        var (cents, share) = Yin.Compare(a, b);
        Assert.InRange(cents, 695, 705);
        Assert.Equal(1.0, share);
        var (_, none) = Yin.Compare(a, Yin.Track(new float[24000]));
        Assert.Equal(0.0, none);
    }
}
