using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// <c>y[r, 0..P) = bias + Σᵢ x[r, i] · W[i, 0..P)</c> for a batch of rows (one row per voice), P the padded
/// output width. Voice-major rows keep every per-voice step (layer norm, activations) contiguous, and the
/// kernel computes 4 voices × 64 outputs (one panel) per pass: 16 accumulators, each weight vector loaded once and used
/// for 4 voices, each voice's input broadcast once and used for 4 vectors. Panels are the outer loop so one
/// panel of W (at most 48 KB here) stays in cache while every voice tile reuses it.
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
        if (w.Lanes == 16 && Vector512.IsHardwareAccelerated) MultiplyVector<Float512, Vector512<float>>(w, ref x0, xStride, ref y0, yStride, rows, wideTile: Float512.HasWideTile);
        else if (w.Lanes == Vector<float>.Count && w.Lanes > 1)
            MultiplyVector<FloatVector, Vector<float>>(w, ref x0, xStride, ref y0, yStride, rows, wideTile: FloatVector.HasWideTile);
        else MultiplyPortable(w, x, xStride, y, yStride, rows);
    }

    /// <summary>The <see cref="Vector{T}"/> path with the tile shape chosen by the caller (tests run the 16-register
    /// shape on any machine; the product passes <see cref="FloatVector.HasWideTile"/>). The weights must be cut for <see cref="Vector{T}"/>'s width.</summary>
    internal static void MultiplyNarrow(DenseWeights w, ReadOnlySpan<float> x, int xStride, Span<float> y, int yStride, int rows, bool wideTile)
    {
        if (w.Lanes != Vector<float>.Count) throw new ArgumentException($"weights cut for {w.Lanes} lanes, Vector<float> has {Vector<float>.Count}", nameof(w));
        MultiplyVector<FloatVector, Vector<float>>(w, ref MemoryMarshal.GetReference(x), xStride, ref MemoryMarshal.GetReference(y), yStride, rows, wideTile);
    }

    /// <summary>Any hardware: plain loops over the panels (a reference for the vector paths, too).</summary>
    internal static void MultiplyPortable(DenseWeights w, ReadOnlySpan<float> x, int xStride, Span<float> y, int yStride, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = y.Slice(r * yStride, w.PaddedOutputs);
            var input = x.Slice(r * xStride, w.Inputs);
            for (int c = 0; c < w.PaddedOutputs; c += w.PanelWidthAt(c))
            {
                int width = w.PanelWidthAt(c);
                var panel = w.Matrix.AsSpan(c * w.Inputs, width * w.Inputs);
                for (int o = 0; o < width; o++)
                {
                    float sum = w.Bias[c + o];
                    for (int i = 0; i < w.Inputs; i++) sum += input[i] * panel[i * width + o];
                    row[c + o] = sum;
                }
            }
        }
    }
}
