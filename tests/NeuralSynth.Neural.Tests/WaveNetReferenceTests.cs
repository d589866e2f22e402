using System.Text;
using System.Text.Json.Nodes;
using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// A random WaveNet with a gated array and a non-gated one (the goldens only cover non-gated models) against
/// a direct double-precision implementation of NeuralAmpModelerCore's definition, written for clarity.
/// </summary>
public sealed class WaveNetReferenceTests
{
    private sealed record ArraySpec(int Input, int Channels, int Head, int Kernel, int[] Dilations, bool Gated, bool HeadBias);

    private static readonly ArraySpec[] Specs =
    {
        new(1, 3, 2, 2, new[] { 1, 3 }, Gated: true, HeadBias: false),
        new(3, 2, 1, 3, new[] { 2, 1, 4 }, Gated: false, HeadBias: true),
    };

    [Fact]
    public void GatedAndPlainArraysMatchDirectDefinition()
    {
        var random = new Random(21);
        var layers = new JsonArray();
        long count = 1;
        foreach (var s in Specs)
        {
            layers.Add(new JsonObject
            {
                ["input_size"] = s.Input, ["condition_size"] = 1, ["head_size"] = s.Head, ["channels"] = s.Channels,
                ["kernel_size"] = s.Kernel, ["dilations"] = new JsonArray(s.Dilations.Select(d => (JsonNode)d).ToArray()),
                ["activation"] = "Tanh", ["gated"] = s.Gated, ["head_bias"] = s.HeadBias,
            });
            int g = s.Gated ? 2 : 1;
            count += s.Input * s.Channels + s.Dilations.Length * (g * s.Channels * s.Channels * s.Kernel + g * s.Channels + g * s.Channels + s.Channels * s.Channels + s.Channels)
                     + s.Channels * s.Head + (s.HeadBias ? s.Head : 0);
        }
        var weights = Enumerable.Range(0, (int)count).Select(_ => Math.Round(random.NextDouble() - 0.5, 4)).ToArray();
        var root = new JsonObject
        {
            ["version"] = "0.5.4", ["architecture"] = "WaveNet",
            ["config"] = new JsonObject { ["layers"] = layers, ["head"] = null, ["head_scale"] = 0.02 },
            ["weights"] = new JsonArray(weights.Select(w => (JsonNode)w).ToArray()),
        };
        var model = NamModelLoader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), "gated.nam").Network;

        var input = Enumerable.Range(0, 200).Select(i => (float)(0.8 * Math.Sin(i * 0.13) + 0.1 * Math.Cos(i * 1.7))).ToArray();
        var actual = ModelRunner.Render(model, input, 13);
        var expected = Reference(weights, input);
        for (int t = 0; t < input.Length; t++) Assert.Equal(expected[t], actual[t], 5);
    }

    /// <summary>NAM WaveNet, literally: zero history before t = 0.</summary>
    private static double[] Reference(double[] w, float[] input)
    {
        int p = 0;
        int n = input.Length;
        double[][] x = { input.Select(v => (double)v).ToArray() };
        double[] condition = x[0];
        double[][]? headCarry = null;
        foreach (var s in Specs)
        {
            int c = s.Channels, g = s.Gated ? 2 : 1;
            var rechannel = Take(ref p, w, c, s.Input);
            var layerIn = MatVec(rechannel, x, n, null);
            var head = headCarry ?? Zeros(c, n);
            foreach (int d in s.Dilations)
            {
                var raw = new double[g * c, c, s.Kernel];
                for (int o = 0; o < g * c; o++)
                    for (int i = 0; i < c; i++)
                        for (int k = 0; k < s.Kernel; k++) raw[o, i, k] = w[p++];
                var convBias = w.Skip(p).Take(g * c).ToArray(); p += g * c;
                var mixin = Take(ref p, w, g * c, 1);
                var oneByOne = Take(ref p, w, c, c);
                var oneBias = w.Skip(p).Take(c).ToArray(); p += c;
                var next = Zeros(c, n);
                for (int t = 0; t < n; t++)
                {
                    var z = new double[g * c];
                    for (int o = 0; o < g * c; o++)
                    {
                        double sum = convBias[o] + mixin[o, 0] * condition[t];
                        for (int i = 0; i < c; i++)
                            for (int k = 0; k < s.Kernel; k++)
                            {
                                int src = t - d * (s.Kernel - 1 - k);
                                if (src >= 0) sum += raw[o, i, k] * layerIn[i][src];
                            }
                        z[o] = sum;
                    }
                    var a = new double[c];
                    for (int o = 0; o < c; o++)
                        a[o] = Math.Tanh(z[o]) * (s.Gated ? 1.0 / (1.0 + Math.Exp(-z[c + o])) : 1.0);
                    for (int o = 0; o < c; o++)
                    {
                        head[o][t] += a[o];
                        double r = oneBias[o];
                        for (int i = 0; i < c; i++) r += oneByOne[o, i] * a[i];
                        next[o][t] = layerIn[o][t] + r;
                    }
                }
                layerIn = next;
            }
            var headRechannel = Take(ref p, w, s.Head, c);
            double[]? headBias = s.HeadBias ? w.Skip(p).Take(s.Head).ToArray() : null;
            if (s.HeadBias) p += s.Head;
            headCarry = MatVec(headRechannel, head, n, headBias);
            x = layerIn;
        }
        double scale = w[p];
        return headCarry![0].Select(v => scale * v).ToArray();
    }

    private static double[,] Take(ref int p, double[] w, int rows, int cols)
    {
        var m = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) m[r, c] = w[p++];
        return m;
    }

    private static double[][] Zeros(int rows, int n) => Enumerable.Range(0, rows).Select(_ => new double[n]).ToArray();

    private static double[][] MatVec(double[,] m, double[][] x, int n, double[]? bias)
    {
        var y = Zeros(m.GetLength(0), n);
        for (int r = 0; r < m.GetLength(0); r++)
            for (int t = 0; t < n; t++)
            {
                double sum = bias?[r] ?? 0;
                for (int c = 0; c < m.GetLength(1); c++) sum += m[r, c] * x[c][t];
                y[r][t] = sum;
            }
        return y;
    }
}
