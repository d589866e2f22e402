using NeuralSynth.Ddsp.Runtime;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>The vector GEMM paths agree with the plain-loop reference for every tile/remainder combination.</summary>
public class BatchGemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 96, 13)]
    [InlineData(96, 96, 4)]
    [InlineData(192, 384, 9)]
    [InlineData(128, 126, 5)]
    [InlineData(7, 33, 3)]
    public void VectorPathsMatchThePortableLoops(int inputs, int outputs, int rows)
    {
        Check(inputs, outputs, rows, lanes: null, (w, x, xs, y, ys, r) => BatchGemm.Multiply(w, x, xs, y, ys, r));
    }

    /// <summary>The Vector&lt;float&gt; path in both tile shapes, whatever this CPU's widest vectors are: the 2-voice
    /// tile is what an AVX2-only core (16 registers) runs.</summary>
    [Theory]
    [InlineData(96, 96, 4, false)]
    [InlineData(192, 384, 9, false)]
    [InlineData(128, 126, 5, false)]
    [InlineData(7, 33, 3, false)]
    [InlineData(192, 384, 9, true)]
    [InlineData(1, 96, 13, true)]
    public void NarrowTilesMatchThePortableLoops(int inputs, int outputs, int rows, bool wideTile)
    {
        Check(inputs, outputs, rows, System.Numerics.Vector<float>.Count,
            (w, x, xs, y, ys, r) => BatchGemm.MultiplyNarrow(w, x, xs, y, ys, r, wideTile));
    }

    private delegate void Gemm(DenseWeights w, float[] x, int xStride, float[] y, int yStride, int rows);

    private static void Check(int inputs, int outputs, int rows, int? lanes, Gemm multiply)
    {
        var random = new Random(inputs * 1000 + outputs);
        var a = new float[inputs * outputs];
        for (int i = 0; i < a.Length; i++) a[i] = (float)(random.NextDouble() * 2 - 1);
        var w = DenseWeights.FromInputMajor(a, inputs, outputs, lanes);
        for (int o = 0; o < outputs; o++) w.Bias[o] = (float)random.NextDouble();
        int xStride = inputs + 3, yStride = w.PaddedOutputs + 16;
        var x = new float[rows * xStride];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(random.NextDouble() * 2 - 1);
        var fast = new float[rows * yStride];
        var reference = new float[rows * yStride];

        multiply(w, x, xStride, fast, yStride, rows);
        BatchGemm.MultiplyPortable(w, x, xStride, reference, yStride, rows);

        for (int r = 0; r < rows; r++)
            for (int o = 0; o < outputs; o++)
            {
                double exact = w.Bias[o];
                for (int i = 0; i < inputs; i++) exact += (double)x[r * xStride + i] * a[i * outputs + o];
                Assert.True(Math.Abs(fast[r * yStride + o] - exact) <= 1e-4, $"row {r} output {o}: {fast[r * yStride + o]} vs {exact}");
                Assert.True(Math.Abs(reference[r * yStride + o] - exact) <= 1e-4, $"reference row {r} output {o}");
            }
    }
}
