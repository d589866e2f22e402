using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;
using NeuralSynth.Neural.Layers;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>The layer primitives against straightforward double-precision formulas.</summary>
public sealed class BuildingBlockTests
{
    private static float[] RandomArray(Random r, int n) => Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 2 - 1)).ToArray();

    [Theory]
    [InlineData(3, 5, 3, 2, true)]
    [InlineData(1, 4, 2, 7, false)]
    [InlineData(6, 1, 1, 1, true)]
    public void Conv1DMatchesDirectSumAcrossBlocks(int inCh, int outCh, int kernel, int dilation, bool bias)
    {
        var r = new Random(inCh * 100 + outCh);
        var conv = new Conv1D(inCh, outCh, kernel, dilation, bias);
        var w = new double[outCh, inCh, kernel];
        var b = new double[outCh];
        for (int o = 0; o < outCh; o++)
        {
            for (int i = 0; i < inCh; i++)
                for (int k = 0; k < kernel; k++) conv.SetWeight(o, i, k, (float)(w[o, i, k] = Math.Round(r.NextDouble() - 0.5, 3)));
            if (bias) conv.SetBias(o, (float)(b[o] = 0.1 * o));
        }
        int frames = 300;
        var x = new float[inCh][];
        for (int i = 0; i < inCh; i++) x[i] = RandomArray(r, frames);

        conv.Prepare(37);
        var y = new float[outCh, frames];
        for (int start = 0; start < frames;)
        {
            int n = Math.Min(1 + start % 37, frames - start);
            var block = new float[inCh * n];
            for (int i = 0; i < inCh; i++) Array.Copy(x[i], start, block, i * n, n);
            conv.Process(block, n, n);
            for (int o = 0; o < outCh; o++)
            {
                var row = conv.Output(o, n);
                for (int t = 0; t < n; t++) y[o, start + t] = row[t];
            }
            start += n;
        }
        for (int o = 0; o < outCh; o++)
            for (int t = 0; t < frames; t++)
            {
                double expected = b[o];
                for (int i = 0; i < inCh; i++)
                    for (int k = 0; k < kernel; k++)
                    {
                        int s = t - dilation * (kernel - 1 - k);
                        if (s >= 0) expected += w[o, i, k] * x[i][s];
                    }
                Assert.Equal(expected, y[o, t], 4);
            }
    }

    [Fact]
    public void ScalarAndVectorKernelsAgree()
    {
        var r = new Random(9);
        var weights = new PackedRowMatrix(7, 5, hasBias: true);
        for (int o = 0; o < 7; o++)
        {
            weights.SetBias(o, o * 0.1f);
            for (int j = 0; j < 5; j++) weights[o, j] = (float)(r.NextDouble() - 0.5);
        }
        int columns = 64;
        var data = new float[4096];
        for (int i = 0; i < 2048; i++) data[i] = (float)(r.NextDouble() - 0.5);
        int[] sources = { 0, 100, 200, 333, 500 };
        RowMatrixKernel.Multiply(weights, data, sources, 2200, 80, 1500, 70, columns);
        var expected = (float[])data.Clone();
        RowMatrixKernel.MultiplyScalar(weights, expected, sources, 2200, 80, 1500, 70, columns);
        for (int i = 0; i < data.Length; i++) Assert.True(Math.Abs(expected[i] - data[i]) <= 1e-5f, $"index {i}");
    }

    [Fact]
    public void Conv1x1AppliesPerFrameMap()
    {
        var conv = new Conv1x1(2, 3, bias: true);
        for (int o = 0; o < 3; o++)
        {
            conv.Weights.SetBias(o, o);
            for (int i = 0; i < 2; i++) conv.Weights[o, i] = o + 10 * i;
        }
        conv.Prepare(8);
        conv.Process(new float[] { 1, 2, 3, 4, 5, 6 }, 3, 3); // rows [1,2,3] and [4,5,6]
        for (int o = 0; o < 3; o++)
            for (int t = 0; t < 3; t++) Assert.Equal(o + o * (1 + t) + (o + 10) * (4 + t), conv.Output(o, 3)[t], 4);

    }

    [Fact]
    public void VectorTanhIsWithinTwoUlpsOfExactTanh()
    {
        var grid = new List<float>();
        for (double v = -20; v <= 20; v += 3e-4) grid.Add((float)v);
        for (int k = -45; k < 5; k++) { grid.Add(MathF.Pow(2, k)); grid.Add(-1.37f * MathF.Pow(2, k)); }
        grid.AddRange(new[] { 0f, 0.4999999f, 0.5f, 0.5000001f, 44f, 88f, 1000f, -1e30f, float.MaxValue, float.MinValue });
        var values = grid.ToArray();
        var result = (float[])values.Clone();
        VectorTanh.Apply(result);
        for (int i = 0; i < values.Length; i++)
        {
            double exact = Math.Tanh(values[i]);
            double error = Math.Abs(result[i] - exact);
            Assert.True(error <= 2.5e-7 * Math.Abs(exact) || error <= 1e-37, $"tanh({values[i]}) = {result[i]}, exact {exact}");
        }
    }

    [Fact]
    public void DenseConcatAndActivations()
    {
        var dense = new Dense(3, 2);
        dense.SetWeight(0, 0, 1); dense.SetWeight(0, 2, -1); dense.SetWeight(1, 1, 2);
        dense.SetBias(1, 0.5f);
        var concat = new ConditioningConcat(2);
        concat.SetControl(0, 0.25f);
        concat.SetControl(1, 4f);
        var y = new float[2];
        dense.Process(concat.Frame(3f), y);
        Assert.Equal(new[] { -1f, 1f }, y);

        var values = new[] { -2f, -0.5f, 0f, 0.5f, 2f };
        foreach (ActivationKind kind in Enum.GetValues<ActivationKind>())
        {
            var span = (float[])values.Clone();
            Activation.Apply(kind, span.AsSpan());
            for (int i = 0; i < values.Length; i++)
                Assert.Equal(Activation.Apply(kind, values[i]), span[i], 5);
        }
        Assert.Equal(1f, Activation.Apply(ActivationKind.HardTanh, 2f));
        Assert.Equal(MathF.Tanh(0.7f), FastTanh.Evaluate(0.7f), 2);
    }
}
