using NeuralSynth.Engine.Tests;
using NeuralSynth.Transcription.Audio;

namespace NeuralSynth.Transcription.Tests;

/// <summary>
/// Bit-exact oracle for the soxr-style resampling: SHA-256 of the output floats, recorded from the converter before
/// it moved onto the shared streaming core. 44101 Hz has more phases than are tabulated, so it covers the path that
/// computes each output's kernel on the fly.
/// </summary>
public sealed class ResamplerBitIdentityTests
{
    [X64OracleTheory]
    [InlineData(44100, 22050, "7350:99CC335DEB9C9E71", "7350:BC9E751A79F6A252", "7350:E6E7AC9CE76A806F")]
    [InlineData(48000, 22050, "7350:6254FBCE372BF830", "7350:6BA237213C6C9753", "7350:01CDE36A8B848EFF")]
    [InlineData(16000, 22050, "7350:DF7540A15C6686AD", "7350:E7C0B0F8C88030A3", "7350:8448A7C70FBE4467")]
    [InlineData(44101, 22050, "7350:9A1D07060C82E78B", "7350:1099CB0C187BD5EC", "7350:10DF346852BCFFEF")]
    public void WholeSignalConversionIsBitIdentical(int inRate, int outRate, string avx512, string avx2, string sse)
    {
        float[] output = LibrosaResampler.Resample(FloatOracle.ToneAndNoise(inRate / 3), inRate, outRate);
        Assert.Equal(FloatOracle.Expected(avx512, avx2, sse), FloatOracle.Hash(output));
    }

    [X64OracleTheory]
    [InlineData("200607:A85681877AD623C4", "200607:9DE7ECB695DBB00B", "200607:B4D15F3D44A06C65")]
    public void RecordingAtItsOwnRateIsBitIdentical(string avx512, string avx2, string sse)
    {
        var audio = AudioFileLoader.LoadWav(TestData.VocaditoWav);
        float[] output = LibrosaResampler.Resample(audio.Samples, audio.SampleRate, BasicPitchConstants.SampleRate);
        Assert.Equal(FloatOracle.Expected(avx512, avx2, sse), FloatOracle.Hash(output));
    }

    [X64OracleTheory]
    [InlineData(44100, 22050, "7350:99CC335DEB9C9E71", "7350:BC9E751A79F6A252", "7350:E6E7AC9CE76A806F")]
    [InlineData(44101, 22050, "7350:9A1D07060C82E78B", "7350:1099CB0C187BD5EC", "7350:10DF346852BCFFEF")]
    public void StreamingInUnevenChunksIsBitIdentical(int inRate, int outRate, string avx512, string avx2, string sse)
    {
        var streaming = LibrosaResampler.CreateStreaming(inRate, outRate, 3000);
        float[] output = FloatOracle.StreamInUnevenBlocks(streaming, FloatOracle.ToneAndNoise(inRate / 3), maxBlock: 2999, seed: 11, drainTail: true);
        Assert.Equal(FloatOracle.Expected(avx512, avx2, sse), FloatOracle.Hash(output));
    }
}
