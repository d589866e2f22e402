using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Neural.Kernels;

internal static partial class RowMatrixKernel
{
    /// <summary>
    /// The vector path at any width: 4-row register tiles, two vectors wide (8 accumulators: per source row 2
    /// vector loads and 4 scalar broadcasts for 8 FMAs, which keeps both FMA ports busy), or four vectors wide
    /// where the width has the registers for it (<see cref="IFloatVector{TVector}.HasWideTile"/>); leftover rows
    /// one at a time.
    /// </summary>
    private static void MultiplyVector<TOps, TVector>(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        ref float data0 = ref MemoryMarshal.GetArrayDataReference(data);
        ref float packed0 = ref MemoryMarshal.GetArrayDataReference(weights.Packed);
        ref int src0 = ref MemoryMarshal.GetReference(sources);
        int inputs = weights.Columns;
        int fullTiles = weights.Rows / PackedRowMatrix.TileRows;
        float[] bias = weights.Bias;
        nuint n = (nuint)TOps.Count;

        for (int tile = 0; tile < fullTiles; tile++)
        {
            int row = tile * PackedRowMatrix.TileRows;
            ref float tileWeights = ref Unsafe.Add(ref packed0, tile * inputs * PackedRowMatrix.TileRows);
            var b0 = TOps.Create(bias[row]);
            var b1 = TOps.Create(bias[row + 1]);
            var b2 = TOps.Create(bias[row + 2]);
            var b3 = TOps.Create(bias[row + 3]);
            int c = 0;
            if (TOps.HasWideTile)
                for (; c + 4 * TOps.Count <= columns; c += 4 * TOps.Count)
                    WideTile<TOps, TVector>(ref data0, ref tileWeights, ref src0, inputs, bias, row, c,
                        destination, destinationStride, initial, initialStride);
            for (; c < columns; c += 2 * TOps.Count)
            {
                TVector a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
                if (initial >= 0)
                {
                    nuint i0 = (nuint)(initial + row * initialStride + c);
                    nuint stride = (nuint)initialStride;
                    a00 = TOps.Add(a00, TOps.Load(ref data0, i0));
                    a01 = TOps.Add(a01, TOps.Load(ref data0, i0 + n));
                    a10 = TOps.Add(a10, TOps.Load(ref data0, i0 + stride));
                    a11 = TOps.Add(a11, TOps.Load(ref data0, i0 + stride + n));
                    a20 = TOps.Add(a20, TOps.Load(ref data0, i0 + 2 * stride));
                    a21 = TOps.Add(a21, TOps.Load(ref data0, i0 + 2 * stride + n));
                    a30 = TOps.Add(a30, TOps.Load(ref data0, i0 + 3 * stride));
                    a31 = TOps.Add(a31, TOps.Load(ref data0, i0 + 3 * stride + n));
                }

                ref float w = ref tileWeights;
                for (int j = 0; j < inputs; j++)
                {
                    nuint s = (nuint)(Unsafe.Add(ref src0, j) + c);
                    var x0 = TOps.Load(ref data0, s);
                    var x1 = TOps.Load(ref data0, s + n);
                    var w0 = TOps.Create(w);
                    a00 = TOps.FusedMultiplyAdd(x0, w0, a00);
                    a01 = TOps.FusedMultiplyAdd(x1, w0, a01);
                    var w1 = TOps.Create(Unsafe.Add(ref w, 1));
                    a10 = TOps.FusedMultiplyAdd(x0, w1, a10);
                    a11 = TOps.FusedMultiplyAdd(x1, w1, a11);
                    var w2 = TOps.Create(Unsafe.Add(ref w, 2));
                    a20 = TOps.FusedMultiplyAdd(x0, w2, a20);
                    a21 = TOps.FusedMultiplyAdd(x1, w2, a21);
                    var w3 = TOps.Create(Unsafe.Add(ref w, 3));
                    a30 = TOps.FusedMultiplyAdd(x0, w3, a30);
                    a31 = TOps.FusedMultiplyAdd(x1, w3, a31);
                    w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
                }

                nuint d = (nuint)(destination + row * destinationStride + c);
                nuint ds = (nuint)destinationStride;
                TOps.Store(a00, ref data0, d);
                TOps.Store(a01, ref data0, d + n);
                TOps.Store(a10, ref data0, d + ds);
                TOps.Store(a11, ref data0, d + ds + n);
                TOps.Store(a20, ref data0, d + 2 * ds);
                TOps.Store(a21, ref data0, d + 2 * ds + n);
                TOps.Store(a30, ref data0, d + 3 * ds);
                TOps.Store(a31, ref data0, d + 3 * ds + n);
            }
        }

        int done = fullTiles * PackedRowMatrix.TileRows;
        if (done < weights.Rows)
            RemainderRows<TOps, TVector>(weights, data, sources, destination, destinationStride, initial, initialStride, columns, done);
    }

    /// <summary>
    /// 4 rows x 4 vectors (16 accumulators): twice the FMAs per loop iteration of the two-vector tile, which
    /// halves the loop and addressing overhead that dominates at the short inner lengths of NAM layers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WideTile<TOps, TVector>(ref float data0, ref float tileWeights, ref int src0, int inputs, float[] bias, int row, int c,
        int destination, int destinationStride, int initial, int initialStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        nuint n = (nuint)TOps.Count;
        var b0 = TOps.Create(bias[row]);
        var b1 = TOps.Create(bias[row + 1]);
        var b2 = TOps.Create(bias[row + 2]);
        var b3 = TOps.Create(bias[row + 3]);
        TVector a00 = b0, a01 = b0, a02 = b0, a03 = b0;
        TVector a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        TVector a20 = b2, a21 = b2, a22 = b2, a23 = b2;
        TVector a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        if (initial >= 0)
        {
            nuint i0 = (nuint)(initial + row * initialStride + c);
            nuint s = (nuint)initialStride;
            a00 = TOps.Add(a00, TOps.Load(ref data0, i0)); a01 = TOps.Add(a01, TOps.Load(ref data0, i0 + n));
            a02 = TOps.Add(a02, TOps.Load(ref data0, i0 + 2 * n)); a03 = TOps.Add(a03, TOps.Load(ref data0, i0 + 3 * n));
            a10 = TOps.Add(a10, TOps.Load(ref data0, i0 + s)); a11 = TOps.Add(a11, TOps.Load(ref data0, i0 + s + n));
            a12 = TOps.Add(a12, TOps.Load(ref data0, i0 + s + 2 * n)); a13 = TOps.Add(a13, TOps.Load(ref data0, i0 + s + 3 * n));
            a20 = TOps.Add(a20, TOps.Load(ref data0, i0 + 2 * s)); a21 = TOps.Add(a21, TOps.Load(ref data0, i0 + 2 * s + n));
            a22 = TOps.Add(a22, TOps.Load(ref data0, i0 + 2 * s + 2 * n)); a23 = TOps.Add(a23, TOps.Load(ref data0, i0 + 2 * s + 3 * n));
            a30 = TOps.Add(a30, TOps.Load(ref data0, i0 + 3 * s)); a31 = TOps.Add(a31, TOps.Load(ref data0, i0 + 3 * s + n));
            a32 = TOps.Add(a32, TOps.Load(ref data0, i0 + 3 * s + 2 * n)); a33 = TOps.Add(a33, TOps.Load(ref data0, i0 + 3 * s + 3 * n));
        }

        ref float w = ref tileWeights;
        for (int j = 0; j < inputs; j++)
        {
            nuint src = (nuint)(Unsafe.Add(ref src0, j) + c);
            var x0 = TOps.Load(ref data0, src);
            var x1 = TOps.Load(ref data0, src + n);
            var x2 = TOps.Load(ref data0, src + 2 * n);
            var x3 = TOps.Load(ref data0, src + 3 * n);
            var w0 = TOps.Create(w);
            a00 = TOps.FusedMultiplyAdd(x0, w0, a00); a01 = TOps.FusedMultiplyAdd(x1, w0, a01);
            a02 = TOps.FusedMultiplyAdd(x2, w0, a02); a03 = TOps.FusedMultiplyAdd(x3, w0, a03);
            var w1 = TOps.Create(Unsafe.Add(ref w, 1));
            a10 = TOps.FusedMultiplyAdd(x0, w1, a10); a11 = TOps.FusedMultiplyAdd(x1, w1, a11);
            a12 = TOps.FusedMultiplyAdd(x2, w1, a12); a13 = TOps.FusedMultiplyAdd(x3, w1, a13);
            var w2 = TOps.Create(Unsafe.Add(ref w, 2));
            a20 = TOps.FusedMultiplyAdd(x0, w2, a20); a21 = TOps.FusedMultiplyAdd(x1, w2, a21);
            a22 = TOps.FusedMultiplyAdd(x2, w2, a22); a23 = TOps.FusedMultiplyAdd(x3, w2, a23);
            var w3 = TOps.Create(Unsafe.Add(ref w, 3));
            a30 = TOps.FusedMultiplyAdd(x0, w3, a30); a31 = TOps.FusedMultiplyAdd(x1, w3, a31);
            a32 = TOps.FusedMultiplyAdd(x2, w3, a32); a33 = TOps.FusedMultiplyAdd(x3, w3, a33);
            w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
        }

        nuint d = (nuint)(destination + row * destinationStride + c);
        nuint ds = (nuint)destinationStride;
        TOps.Store(a00, ref data0, d); TOps.Store(a01, ref data0, d + n);
        TOps.Store(a02, ref data0, d + 2 * n); TOps.Store(a03, ref data0, d + 3 * n);
        TOps.Store(a10, ref data0, d + ds); TOps.Store(a11, ref data0, d + ds + n);
        TOps.Store(a12, ref data0, d + ds + 2 * n); TOps.Store(a13, ref data0, d + ds + 3 * n);
        TOps.Store(a20, ref data0, d + 2 * ds); TOps.Store(a21, ref data0, d + 2 * ds + n);
        TOps.Store(a22, ref data0, d + 2 * ds + 2 * n); TOps.Store(a23, ref data0, d + 2 * ds + 3 * n);
        TOps.Store(a30, ref data0, d + 3 * ds); TOps.Store(a31, ref data0, d + 3 * ds + n);
        TOps.Store(a32, ref data0, d + 3 * ds + 2 * n); TOps.Store(a33, ref data0, d + 3 * ds + 3 * n);
    }

    /// <summary>Leftover rows one at a time, still vectorized over columns (e.g. the 1-row output head).</summary>
    private static void RemainderRows<TOps, TVector>(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns, int firstRow)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        ref float data0 = ref MemoryMarshal.GetArrayDataReference(data);
        ref int src0 = ref MemoryMarshal.GetReference(sources);
        int inputs = weights.Columns;
        nuint n = (nuint)TOps.Count;
        for (int row = firstRow; row < weights.Rows; row++)
        {
            ref float rowWeights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(weights.Packed),
                row / PackedRowMatrix.TileRows * inputs * PackedRowMatrix.TileRows + row % PackedRowMatrix.TileRows);
            var b = TOps.Create(weights.Bias[row]);
            for (int c = 0; c < columns; c += 2 * TOps.Count)
            {
                TVector a0 = b, a1 = b;
                if (initial >= 0)
                {
                    nuint i0 = (nuint)(initial + row * initialStride + c);
                    a0 = TOps.Add(a0, TOps.Load(ref data0, i0));
                    a1 = TOps.Add(a1, TOps.Load(ref data0, i0 + n));
                }
                ref float w = ref rowWeights;
                for (int j = 0; j < inputs; j++)
                {
                    nuint s = (nuint)(Unsafe.Add(ref src0, j) + c);
                    var wv = TOps.Create(w);
                    a0 = TOps.FusedMultiplyAdd(TOps.Load(ref data0, s), wv, a0);
                    a1 = TOps.FusedMultiplyAdd(TOps.Load(ref data0, s + n), wv, a1);
                    w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
                }
                nuint d = (nuint)(destination + row * destinationStride + c);
                TOps.Store(a0, ref data0, d);
                TOps.Store(a1, ref data0, d + n);
            }
        }
    }
}
