using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Neural.Kernels;

/// <summary>
/// The one matrix kernel every layer uses: for each output row o and column t,
/// <c>dst[o][t] = bias[o] + init[o][t] + sum_j W[o][j] * src_j[t]</c>.
/// All rows live in one float array and are given by offsets; source rows are listed one by one, which is
/// how a dilated convolution is expressed without copying: tap k of input channel i is simply row i of the
/// history buffer read at a column offset of -dilation*(K-1-k).
/// Rows are channel-major (time contiguous), so vectors run over time and a 4-row weight tile is broadcast.
/// </summary>
internal static partial class RowMatrixKernel
{
    /// <summary>
    /// Column granularity of the vector paths (32 where 512-bit vectors are accelerated, a multiple of the
    /// 256-bit path's 16, so <see cref="SimdWidth.Force256"/> can switch paths without re-planning buffers). Callers pad a block up to a multiple of this and keep that
    /// much slack after every row; the extra columns compute finite garbage that later writes overwrite.
    /// </summary>
    public static readonly int ColumnTile =
        Vector512.IsHardwareAccelerated ? 32 : Vector256.IsHardwareAccelerated ? 16 : 1;

    /// <summary>Rounds a frame count up to the column tile.</summary>
    public static int PadColumns(int frames) => (frames + ColumnTile - 1) / ColumnTile * ColumnTile;

    /// <param name="weights">Packed matrix; its column count must equal <paramref name="sources"/>.Length.</param>
    /// <param name="data">The arena all offsets refer to.</param>
    /// <param name="sources">Offset of column 0 of each source row.</param>
    /// <param name="destination">Offset of column 0 of output row 0.</param>
    /// <param name="destinationStride">Distance between output rows.</param>
    /// <param name="initial">Offset of an addend matrix (e.g. a residual), or -1 for none.</param>
    /// <param name="initialStride">Distance between addend rows.</param>
    /// <param name="columns">Columns to compute; a multiple of <see cref="ColumnTile"/>.</param>
    public static void Multiply(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns)
    {
        Debug.Assert(sources.Length == weights.Columns);
        Debug.Assert(columns % ColumnTile == 0);
        if (ColumnTile == 32 && !SimdWidth.Force256)
            MultiplyVector<Float512, Vector512<float>>(weights, data, sources, destination, destinationStride, initial, initialStride, columns);
        else if (ColumnTile >= 16)
            MultiplyVector<Float256, Vector256<float>>(weights, data, sources, destination, destinationStride, initial, initialStride, columns);
        else MultiplyScalar(weights, data, sources, destination, destinationStride, initial, initialStride, columns);
    }

    internal static void MultiplyScalar(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns)
    {
        int inputs = weights.Columns;
        float[] packed = weights.Packed;
        for (int row = 0; row < weights.Rows; row++)
        {
            int tileBase = row / PackedRowMatrix.TileRows * inputs * PackedRowMatrix.TileRows + row % PackedRowMatrix.TileRows;
            int dst = destination + row * destinationStride;
            float bias = weights.Bias[row];
            for (int t = 0; t < columns; t++)
            {
                float sum = bias;
                if (initial >= 0) sum += data[initial + row * initialStride + t];
                for (int j = 0; j < inputs; j++)
                    sum += packed[tileBase + j * PackedRowMatrix.TileRows] * data[sources[j] + t];
                data[dst + t] = sum;
            }
        }
    }
}
