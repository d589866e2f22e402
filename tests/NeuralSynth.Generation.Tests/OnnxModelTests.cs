using Xunit;
using System.Text.Json;
using NeuralSynth.Generation.Model;

namespace NeuralSynth.Generation.Tests;

public class OnnxModelTests
{
    [Fact]
    public void StepwiseCacheMatchesPyTorchReference()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.ModelFolder, "golden.json")));
        int[] tokens = doc.RootElement.GetProperty("tokens").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        float[] last = doc.RootElement.GetProperty("last_logits").EnumerateArray().Select(e => e.GetSingle()).ToArray();
        float[] at11 = doc.RootElement.GetProperty("logits_at_11").EnumerateArray().Select(e => e.GetSingle()).ToArray();

        using var model = GeneratorModelInfo.Load(TestPaths.ModelPath).Open();
        var logits = new float[model.VocabSize];

        // Prime 12 tokens in one call, then step one at a time through the cache.
        model.Append(tokens.AsSpan(0, 12), logits);
        AssertClose(at11, logits);
        for (int i = 12; i < tokens.Length; i++) model.Append(tokens.AsSpan(i, 1), logits);
        AssertClose(last, logits);
        Assert.Equal(tokens.Length, model.CachedLength);

        // After a reset the same sequence in one call gives the same answer.
        model.Reset();
        model.Append(tokens, logits);
        AssertClose(last, logits);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst < 2e-3f, $"max abs logit difference {worst}");
    }
}
