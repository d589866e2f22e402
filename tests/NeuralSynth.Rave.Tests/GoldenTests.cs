using Xunit;

namespace NeuralSynth.Rave.Tests;

public class GoldenTests
{
    [Fact]
    public void Onnx_model_in_csharp_matches_pytorch()
    {
        float[] input = TestModel.Golden("input");
        float[] output = WholeFile.Run(input, out float[] latents);
        // Latents are compared relative to their range: the PCA folded into the encoder scales them by ~1/σ of the
        // raw latents, which scales float rounding with them. Audio is compared absolutely.
        float[] expectedLatents = TestModel.Golden("z");
        float range = expectedLatents.Max(MathF.Abs);
        Assert.InRange(TestModel.MaxAbsDiff(latents, expectedLatents) / range, 0, 1e-4f);
        Assert.InRange(TestModel.MaxAbsDiff(output, TestModel.Golden("output")), 0, 1e-4f);
    }
}
