using Xunit;

namespace NeuralSynth.Rave.Tests;

public class GoldenTests
{
    [Fact]
    public void Onnx_model_in_csharp_matches_pytorch()
    {
        float[] input = TestModel.Golden("input");
        float[] output = WholeFile.Run(input, out float[] latents);
        // Absolute bounds near what the shipped model does (measured 2026-12-02 on fluid-small, step 14490):
        // latents differ from PyTorch by at most 1.19e-6 (their range is ±1.34, so ~10 float ulps), audio by
        // 1.86e-7 (peak 0.356). Re-measured 2026-12-03 on step 51581 (harmonic branch, 17 latents): 1.83e-6
        // and 2.09e-7, under the same bounds. 8a023bb had loosened the latent check to 1e-4 of the range (1.3e-4 absolute),
        // 100x what the model needs; a real export or runtime mismatch would hide under that.
        float latentError = TestModel.MaxAbsDiff(latents, TestModel.Golden("z"));
        float audioError = TestModel.MaxAbsDiff(output, TestModel.Golden("output"));
        Assert.True(latentError <= 5e-6f, $"latents differ from PyTorch by {latentError:E2} (measured 1.19e-6 when set)");
        Assert.True(audioError <= 1e-6f, $"audio differs from PyTorch by {audioError:E2} (measured 1.86e-7 when set)");
    }
}
