using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Neural.Kernels;

public static partial class RowMatrixKernel
{
    /// <summary>
    /// AVX-512 path: a 4-row x 32-column register tile (8 accumulators). Per source row it does 2 vector
    /// loads and 4 scalar broadcasts for 8 FMAs, which keeps both FMA ports busy on current x64 cores.
    /// </summary>
    private static void Multiply512(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns)
    {
        ref float data0 = ref MemoryMarshal.GetArrayDataReference(data);
        ref float packed0 = ref MemoryMarshal.GetArrayDataReference(weights.Packed);
        ref int src0 = ref MemoryMarshal.GetReference(sources);
        int inputs = weights.Columns;
        int fullTiles = weights.Rows / PackedRowMatrix.TileRows;
        float[] bias = weights.Bias;

        for (int tile = 0; tile < fullTiles; tile++)
        {
            int row = tile * PackedRowMatrix.TileRows;
            ref float tileWeights = ref Unsafe.Add(ref packed0, tile * inputs * PackedRowMatrix.TileRows);
            var b0 = Vector512.Create(bias[row]);
            var b1 = Vector512.Create(bias[row + 1]);
            var b2 = Vector512.Create(bias[row + 2]);
            var b3 = Vector512.Create(bias[row + 3]);
            int c = 0;
            for (; c + 64 <= columns; c += 64)
                Tile4x64(ref data0, ref tileWeights, ref src0, inputs, bias, row, c,
                    destination, destinationStride, initial, initialStride);
            for (; c < columns; c += 32)
            {
                Vector512<float> a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
                if (initial >= 0)
                {
                    nuint i0 = (nuint)(initial + row * initialStride + c);
                    nuint stride = (nuint)initialStride;
                    a00 += Vector512.LoadUnsafe(ref data0, i0);
                    a01 += Vector512.LoadUnsafe(ref data0, i0 + 16);
                    a10 += Vector512.LoadUnsafe(ref data0, i0 + stride);
                    a11 += Vector512.LoadUnsafe(ref data0, i0 + stride + 16);
                    a20 += Vector512.LoadUnsafe(ref data0, i0 + 2 * stride);
                    a21 += Vector512.LoadUnsafe(ref data0, i0 + 2 * stride + 16);
                    a30 += Vector512.LoadUnsafe(ref data0, i0 + 3 * stride);
                    a31 += Vector512.LoadUnsafe(ref data0, i0 + 3 * stride + 16);
                }

                ref float w = ref tileWeights;
                for (int j = 0; j < inputs; j++)
                {
                    nuint s = (nuint)(Unsafe.Add(ref src0, j) + c);
                    var x0 = Vector512.LoadUnsafe(ref data0, s);
                    var x1 = Vector512.LoadUnsafe(ref data0, s + 16);
                    var w0 = Vector512.Create(w);
                    a00 = Vector512.FusedMultiplyAdd(x0, w0, a00);
                    a01 = Vector512.FusedMultiplyAdd(x1, w0, a01);
                    var w1 = Vector512.Create(Unsafe.Add(ref w, 1));
                    a10 = Vector512.FusedMultiplyAdd(x0, w1, a10);
                    a11 = Vector512.FusedMultiplyAdd(x1, w1, a11);
                    var w2 = Vector512.Create(Unsafe.Add(ref w, 2));
                    a20 = Vector512.FusedMultiplyAdd(x0, w2, a20);
                    a21 = Vector512.FusedMultiplyAdd(x1, w2, a21);
                    var w3 = Vector512.Create(Unsafe.Add(ref w, 3));
                    a30 = Vector512.FusedMultiplyAdd(x0, w3, a30);
                    a31 = Vector512.FusedMultiplyAdd(x1, w3, a31);
                    w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
                }

                nuint d = (nuint)(destination + row * destinationStride + c);
                nuint ds = (nuint)destinationStride;
                a00.StoreUnsafe(ref data0, d);
                a01.StoreUnsafe(ref data0, d + 16);
                a10.StoreUnsafe(ref data0, d + ds);
                a11.StoreUnsafe(ref data0, d + ds + 16);
                a20.StoreUnsafe(ref data0, d + 2 * ds);
                a21.StoreUnsafe(ref data0, d + 2 * ds + 16);
                a30.StoreUnsafe(ref data0, d + 3 * ds);
                a31.StoreUnsafe(ref data0, d + 3 * ds + 16);
            }
        }

        int done = fullTiles * PackedRowMatrix.TileRows;
        if (done < weights.Rows)
            RemainderRows512(weights, data, sources, destination, destinationStride, initial, initialStride, columns, done);
    }

    /// <summary>
    /// 4 rows x 64 columns (16 accumulators): twice the FMAs per loop iteration of the 32-column tile, which
    /// halves the loop and addressing overhead that dominates at the short inner lengths of NAM layers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile4x64(ref float data0, ref float tileWeights, ref int src0, int inputs, float[] bias, int row, int c,
        int destination, int destinationStride, int initial, int initialStride)
    {
        var b0 = Vector512.Create(bias[row]);
        var b1 = Vector512.Create(bias[row + 1]);
        var b2 = Vector512.Create(bias[row + 2]);
        var b3 = Vector512.Create(bias[row + 3]);
        Vector512<float> a00 = b0, a01 = b0, a02 = b0, a03 = b0;
        Vector512<float> a10 = b1, a11 = b1, a12 = b1, a13 = b1;
        Vector512<float> a20 = b2, a21 = b2, a22 = b2, a23 = b2;
        Vector512<float> a30 = b3, a31 = b3, a32 = b3, a33 = b3;
        if (initial >= 0)
        {
            nuint i0 = (nuint)(initial + row * initialStride + c);
            nuint s = (nuint)initialStride;
            a00 += Vector512.LoadUnsafe(ref data0, i0); a01 += Vector512.LoadUnsafe(ref data0, i0 + 16);
            a02 += Vector512.LoadUnsafe(ref data0, i0 + 32); a03 += Vector512.LoadUnsafe(ref data0, i0 + 48);
            a10 += Vector512.LoadUnsafe(ref data0, i0 + s); a11 += Vector512.LoadUnsafe(ref data0, i0 + s + 16);
            a12 += Vector512.LoadUnsafe(ref data0, i0 + s + 32); a13 += Vector512.LoadUnsafe(ref data0, i0 + s + 48);
            a20 += Vector512.LoadUnsafe(ref data0, i0 + 2 * s); a21 += Vector512.LoadUnsafe(ref data0, i0 + 2 * s + 16);
            a22 += Vector512.LoadUnsafe(ref data0, i0 + 2 * s + 32); a23 += Vector512.LoadUnsafe(ref data0, i0 + 2 * s + 48);
            a30 += Vector512.LoadUnsafe(ref data0, i0 + 3 * s); a31 += Vector512.LoadUnsafe(ref data0, i0 + 3 * s + 16);
            a32 += Vector512.LoadUnsafe(ref data0, i0 + 3 * s + 32); a33 += Vector512.LoadUnsafe(ref data0, i0 + 3 * s + 48);
        }

        ref float w = ref tileWeights;
        for (int j = 0; j < inputs; j++)
        {
            nuint src = (nuint)(Unsafe.Add(ref src0, j) + c);
            var x0 = Vector512.LoadUnsafe(ref data0, src);
            var x1 = Vector512.LoadUnsafe(ref data0, src + 16);
            var x2 = Vector512.LoadUnsafe(ref data0, src + 32);
            var x3 = Vector512.LoadUnsafe(ref data0, src + 48);
            var w0 = Vector512.Create(w);
            a00 = Vector512.FusedMultiplyAdd(x0, w0, a00); a01 = Vector512.FusedMultiplyAdd(x1, w0, a01);
            a02 = Vector512.FusedMultiplyAdd(x2, w0, a02); a03 = Vector512.FusedMultiplyAdd(x3, w0, a03);
            var w1 = Vector512.Create(Unsafe.Add(ref w, 1));
            a10 = Vector512.FusedMultiplyAdd(x0, w1, a10); a11 = Vector512.FusedMultiplyAdd(x1, w1, a11);
            a12 = Vector512.FusedMultiplyAdd(x2, w1, a12); a13 = Vector512.FusedMultiplyAdd(x3, w1, a13);
            var w2 = Vector512.Create(Unsafe.Add(ref w, 2));
            a20 = Vector512.FusedMultiplyAdd(x0, w2, a20); a21 = Vector512.FusedMultiplyAdd(x1, w2, a21);
            a22 = Vector512.FusedMultiplyAdd(x2, w2, a22); a23 = Vector512.FusedMultiplyAdd(x3, w2, a23);
            var w3 = Vector512.Create(Unsafe.Add(ref w, 3));
            a30 = Vector512.FusedMultiplyAdd(x0, w3, a30); a31 = Vector512.FusedMultiplyAdd(x1, w3, a31);
            a32 = Vector512.FusedMultiplyAdd(x2, w3, a32); a33 = Vector512.FusedMultiplyAdd(x3, w3, a33);
            w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
        }

        nuint d = (nuint)(destination + row * destinationStride + c);
        nuint ds = (nuint)destinationStride;
        a00.StoreUnsafe(ref data0, d); a01.StoreUnsafe(ref data0, d + 16);
        a02.StoreUnsafe(ref data0, d + 32); a03.StoreUnsafe(ref data0, d + 48);
        a10.StoreUnsafe(ref data0, d + ds); a11.StoreUnsafe(ref data0, d + ds + 16);
        a12.StoreUnsafe(ref data0, d + ds + 32); a13.StoreUnsafe(ref data0, d + ds + 48);
        a20.StoreUnsafe(ref data0, d + 2 * ds); a21.StoreUnsafe(ref data0, d + 2 * ds + 16);
        a22.StoreUnsafe(ref data0, d + 2 * ds + 32); a23.StoreUnsafe(ref data0, d + 2 * ds + 48);
        a30.StoreUnsafe(ref data0, d + 3 * ds); a31.StoreUnsafe(ref data0, d + 3 * ds + 16);
        a32.StoreUnsafe(ref data0, d + 3 * ds + 32); a33.StoreUnsafe(ref data0, d + 3 * ds + 48);
    }

    /// <summary>Leftover rows one at a time, still vectorized over columns (e.g. the 1-row output head).</summary>
    private static void RemainderRows512(PackedRowMatrix weights, float[] data, ReadOnlySpan<int> sources,
        int destination, int destinationStride, int initial, int initialStride, int columns, int firstRow)
    {
        ref float data0 = ref MemoryMarshal.GetArrayDataReference(data);
        ref int src0 = ref MemoryMarshal.GetReference(sources);
        int inputs = weights.Columns;
        for (int row = firstRow; row < weights.Rows; row++)
        {
            ref float rowWeights = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(weights.Packed),
                row / PackedRowMatrix.TileRows * inputs * PackedRowMatrix.TileRows + row % PackedRowMatrix.TileRows);
            var b = Vector512.Create(weights.Bias[row]);
            for (int c = 0; c < columns; c += 32)
            {
                Vector512<float> a0 = b, a1 = b;
                if (initial >= 0)
                {
                    nuint i0 = (nuint)(initial + row * initialStride + c);
                    a0 += Vector512.LoadUnsafe(ref data0, i0);
                    a1 += Vector512.LoadUnsafe(ref data0, i0 + 16);
                }
                ref float w = ref rowWeights;
                for (int j = 0; j < inputs; j++)
                {
                    nuint s = (nuint)(Unsafe.Add(ref src0, j) + c);
                    var wv = Vector512.Create(w);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref data0, s), wv, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref data0, s + 16), wv, a1);
                    w = ref Unsafe.Add(ref w, PackedRowMatrix.TileRows);
                }
                nuint d = (nuint)(destination + row * destinationStride + c);
                a0.StoreUnsafe(ref data0, d);
                a1.StoreUnsafe(ref data0, d + 16);
            }
        }
    }
}
