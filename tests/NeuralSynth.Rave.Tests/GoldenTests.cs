using Xunit;

namespace NeuralSynth.Rave.Tests;

public class GoldenTests
{
    [Fact]
    public void Onnx_model_in_csharp_matches_pytorch()
    {
        float[] input = TestModel.Golden("input");
        float[] output = WholeFile.Run(input, out float[] latents);
        Assert.InRange(TestModel.MaxAbsDiff(latents, TestModel.Golden("z")), 0, 1e-4f);
        Assert.InRange(TestModel.MaxAbsDiff(output, TestModel.Golden("output")), 0, 1e-4f);
    }
}
