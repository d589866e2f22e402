using NeuralSynth.Engine.Tests;
using NeuralSynth.Engine.Dsp.Resampling;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// Bit-exact oracle for the realtime resampling: SHA-256 of the output floats, recorded from the converter before it
/// moved onto the shared streaming core. 48000 → 44101 Hz has more coefficients than are tabulated, so it covers the
/// path that evaluates the kernel per tap.
/// </summary>
public sealed class ResamplerBitIdentityTests
{
    [X64OracleTheory]
    [InlineData(44100, 48000, "15948:C3374F950648796C", "15948:D42FACEF4EFCFD35", "15948:BE27476BE6EFF37B")]
    [InlineData(48000, 44100, "14652:E6A3A94616C2A124", "14652:1B514579B85CEA15", "14652:61967D4CEB3E75CD")]
    [InlineData(96000, 48000, "15952:3D5FB648755F5085", "15952:D9069D08C3D7DBC1", "15952:6DD3649951EB04A3")]
    [InlineData(22050, 48000, "15896:0A50970ED0D33CC9", "15896:439B4E944B493917", "15896:D5E35FCB3D25EFE7")]
    [InlineData(48000, 44101, "14652:9060AFB8F16D1EB8", "14652:9060AFB8F16D1EB8", "14652:9060AFB8F16D1EB8")]
    public void StreamingInUnevenBlocksIsBitIdentical(int inRate, int outRate, string avx512, string avx2, string sse)
    {
        const int maxBlock = 512;
        var resampler = new StreamingResampler(inRate, outRate, RealtimeSincLowpass.ForRates(inRate, outRate), maxBlock);
        float[] output = FloatOracle.StreamInUnevenBlocks(resampler, FloatOracle.ToneAndNoise(inRate / 3), maxBlock, seed: 5, drainTail: false);
        Assert.Equal(FloatOracle.Expected(avx512, avx2, sse), FloatOracle.Hash(output));
    }

    [Fact]
    public void ResetStartsTheSameStreamAgain()
    {
        var resampler = new StreamingResampler(44100, 48000, RealtimeSincLowpass.ForRates(44100, 48000), 256);
        var output = new float[resampler.MaxOutputFor(256)];
        float[] input = FloatOracle.ToneAndNoise(256);
        int first = resampler.Process(input, output);
        float[] before = output[..first];
        resampler.Process(input, output);
        resampler.Reset();
        int again = resampler.Process(input, output);
        Assert.Equal(before, output[..again]);
    }
}
