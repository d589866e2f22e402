using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>Output must not depend on how the host slices the signal into blocks.</summary>
public sealed class BlockSizeTests
{
    private const int Frames = 12000;

    [Theory]
    [InlineData("wavenet_a1_standard")]
    [InlineData("dumble")]
    [InlineData("lstm")]
    public void BlockSizesOneSevenSixtyFourAndFiveTwelveAgree(string name)
    {
        var (input, _) = WavFile.ReadMono(RepoPaths.Golden("input.wav"));
        input = input[..Frames];
        var reference = Render(name, input, 512, _ => 512);
        foreach (int size in new[] { 1, 7, 64 })
        {
            var actual = Render(name, input, 512, _ => size);
            AssertClose(reference, actual, $"{name} block {size}");
        }
        var random = new Random(7);
        var irregular = Render(name, input, 512, _ => random.Next(1, 513));
        AssertClose(reference, irregular, $"{name} random blocks");
        var prepared7 = Render(name, input, 7, _ => 7);
        AssertClose(reference, prepared7, $"{name} prepared for 7");
    }

    private static float[] Render(string name, float[] input, int maxBlock, Func<int, int> nextSize)
    {
        var model = NamModelLoader.Load(RepoPaths.NamModel(name)).Network;
        model.Prepare(maxBlock);
        model.Reset();
        var output = new float[input.Length];
        int start = 0, call = 0;
        while (start < input.Length)
        {
            int n = Math.Min(nextSize(call++), input.Length - start);
            model.Process(input.AsSpan(start, n), output.AsSpan(start, n));
            start += n;
        }
        return output;
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst <= 1e-6f, $"{what}: max difference {worst:E2}");
    }
}
