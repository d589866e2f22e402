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
            for (int c = 0; c < columns; c += 32)
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
