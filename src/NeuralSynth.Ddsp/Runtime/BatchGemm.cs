using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// <c>y[r, 0..P) = bias + Σᵢ x[r, i] · W[i, 0..P)</c> for a batch of rows (one row per voice), P the padded
/// output width. Voice-major rows keep every per-voice step (layer norm, activations) contiguous, and the
/// kernel computes 4 voices × 64 outputs per pass: 16 accumulators, each weight vector loaded once and used
/// for 4 voices, each voice's input broadcast once and used for 4 vectors. Columns are the outer loop so one
/// 64-wide panel of W (at most 48 KB here) stays in L1 while every voice tile reuses it.
/// </summary>
internal static partial class BatchGemm
{
    public static void Multiply(DenseWeights w, ReadOnlySpan<float> x, int xStride, Span<float> y, int yStride, int rows)
    {
        if (rows <= 0) return;
        if (xStride < w.Inputs || (long)(rows - 1) * xStride + w.Inputs > x.Length) throw new ArgumentException("input rows out of range", nameof(x));
        if (yStride < w.PaddedOutputs || (long)(rows - 1) * yStride + w.PaddedOutputs > y.Length) throw new ArgumentException("output rows out of range", nameof(y));
        ref float x0 = ref MemoryMarshal.GetReference(x);
        ref float y0 = ref MemoryMarshal.GetReference(y);
        if (Vector512.IsHardwareAccelerated) Multiply512(w, ref x0, xStride, ref y0, yStride, rows);
        else if (Vector.IsHardwareAccelerated && w.PaddedOutputs % Vector<float>.Count == 0) MultiplyVector(w, ref x0, xStride, ref y0, yStride, rows);
        else MultiplyPortable(w, x, xStride, y, yStride, rows);
    }

    /// <summary>Any hardware: one output row at a time with TensorPrimitives.</summary>
    internal static void MultiplyPortable(DenseWeights w, ReadOnlySpan<float> x, int xStride, Span<float> y, int yStride, int rows)
    {
        int p = w.PaddedOutputs;
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * yStride, p);
            w.Bias.CopyTo(row);
            var input = x.Slice(r * xStride, w.Inputs);
            for (int i = 0; i < w.Inputs; i++) TensorPrimitives.MultiplyAdd(w.Matrix.AsSpan(i * p, p), input[i], row, row);
        }
    }
}
