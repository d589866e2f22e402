using System.Text;
using System.Text.Json.Nodes;
using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>ConvNet and Linear files (no upstream goldens shipped) checked against direct formulas.</summary>
public sealed class NamArchitectureTests
{
    private static NamModel Parse(JsonObject root) =>
        NamModelLoader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), "test.nam");

    [Fact]
    public void LinearModelIsAnFirWithWeightMForDelayM()
    {
        var root = new JsonObject
        {
            ["version"] = "0.5.2",
            ["architecture"] = "Linear",
            ["config"] = new JsonObject { ["receptive_field"] = 3, ["bias"] = true },
            ["weights"] = new JsonArray(0.5, -0.25, 0.125, 0.01),
        };
        var model = Parse(root).Network;
        var input = new float[] { 1, 0, 0, 0, 2, 3 };
        var output = ModelRunner.Render(model, input, 4);
        for (int t = 0; t < input.Length; t++)
        {
            double expected = 0.01;
            for (int m = 0; m < 3; m++) if (t - m >= 0) expected += new[] { 0.5, -0.25, 0.125 }[m] * input[t - m];
            Assert.Equal(expected, output[t], 5);
        }
    }

    [Fact]
    public void ConvNetWithBatchNormMatchesDirectComputation()
    {
        // 2 channels, dilations [1, 2], batchnorm, Tanh. Weights in NAM order.
        var random = new Random(11);
        int channels = 2;
        int[] dilations = { 1, 2 };
        long count = NamConvNetModel.WeightCount(channels, dilations, batchNorm: true);
        var weights = new double[count];
        for (int i = 0; i < count; i++) weights[i] = Math.Round(random.NextDouble() - 0.5, 3);
        // Keep running variances and eps positive.
        int block0 = channels * 1 * 2;
        int block1Start = block0 + 4 * channels + 1;
        foreach (int start in new[] { block0, block1Start + channels * channels * 2 })
        {
            for (int c = 0; c < channels; c++) weights[start + channels + c] = 0.5 + c;
            weights[start + 4 * channels] = 1e-5;
        }
        var root = new JsonObject
        {
            ["version"] = "0.5.2",
            ["architecture"] = "ConvNet",
            ["config"] = new JsonObject { ["channels"] = channels, ["dilations"] = new JsonArray(1, 2), ["batchnorm"] = true, ["activation"] = "Tanh" },
            ["weights"] = new JsonArray(weights.Select(w => (JsonNode)w).ToArray()),
        };
        var model = Parse(root).Network;
        var input = Enumerable.Range(0, 40).Select(i => (float)Math.Sin(i * 0.7)).ToArray();
        var actual = ModelRunner.Render(model, input, 16);
        var expected = ReferenceConvNet(weights, channels, dilations, input);
        for (int t = 0; t < input.Length; t++) Assert.Equal(expected[t], actual[t], 4);
    }

    private static double[] ReferenceConvNet(double[] w, int channels, int[] dilations, float[] input)
    {
        int p = 0;
        double[][] signal = { input.Select(x => (double)x).ToArray() };
        foreach (int d in dilations)
        {
            int inChannels = signal.Length;
            var kernel = new double[channels, inChannels, 2];
            for (int o = 0; o < channels; o++)
                for (int i = 0; i < inChannels; i++)
                    for (int k = 0; k < 2; k++) kernel[o, i, k] = w[p++];
            double[] Take() { var v = w.Skip(p).Take(channels).ToArray(); p += channels; return v; }
            var mean = Take(); var variance = Take(); var gamma = Take(); var beta = Take();
            double eps = w[p++];
            var next = new double[channels][];
            for (int o = 0; o < channels; o++)
            {
                next[o] = new double[input.Length];
                for (int t = 0; t < input.Length; t++)
                {
                    double sum = 0;
                    for (int i = 0; i < inChannels; i++)
                    {
                        sum += kernel[o, i, 1] * signal[i][t];
                        if (t - d >= 0) sum += kernel[o, i, 0] * signal[i][t - d];
                    }
                    double scale = gamma[o] / Math.Sqrt(eps + variance[o]);
                    next[o][t] = Math.Tanh(sum * scale + beta[o] - scale * mean[o]);
                }
            }
            signal = next;
        }
        var head = w.Skip(p).Take(channels).ToArray();
        double bias = w[p + channels];
        return Enumerable.Range(0, input.Length).Select(t => bias + Enumerable.Range(0, channels).Sum(c => head[c] * signal[c][t])).ToArray();
    }
}
