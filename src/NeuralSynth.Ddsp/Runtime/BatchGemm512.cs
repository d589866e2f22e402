using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

internal static partial class BatchGemm
{
    private const int Lanes512 = 16;

    private static void Multiply512(DenseWeights w, ref float x0, int xStride, ref float y0, int yStride, int rows)
    {
        ref float w0 = ref w.Matrix[0];
        ref float b0 = ref w.Bias[0];
        int inputs = w.Inputs, p = w.PaddedOutputs;
        int c = 0;
        for (; c + 4 * Lanes512 <= p; c += 4 * Lanes512)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                Tile4x4(ref Unsafe.Add(ref w0, c * inputs), 4 * Lanes512, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x4(ref Unsafe.Add(ref w0, c * inputs), 4 * Lanes512, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
        for (; c < p; c += Lanes512)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                Tile4x1(ref Unsafe.Add(ref w0, c * inputs), Lanes512, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x1(ref Unsafe.Add(ref w0, c * inputs), Lanes512, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
    }

    /// <summary>4 voices × 64 outputs.</summary>
    private static void Tile4x4(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
    {
        var bias0 = Vector512.LoadUnsafe(ref bias);
        var bias1 = Vector512.LoadUnsafe(ref bias, 16);
        var bias2 = Vector512.LoadUnsafe(ref bias, 32);
        var bias3 = Vector512.LoadUnsafe(ref bias, 48);
        Vector512<float> a00 = bias0, a01 = bias1, a02 = bias2, a03 = bias3;
        Vector512<float> a10 = bias0, a11 = bias1, a12 = bias2, a13 = bias3;
        Vector512<float> a20 = bias0, a21 = bias1, a22 = bias2, a23 = bias3;
        Vector512<float> a30 = bias0, a31 = bias1, a32 = bias2, a33 = bias3;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        for (int i = 0; i < inputs; i++)
        {
            var w0 = Vector512.LoadUnsafe(ref w);
            var w1 = Vector512.LoadUnsafe(ref w, 16);
            var w2 = Vector512.LoadUnsafe(ref w, 32);
            var w3 = Vector512.LoadUnsafe(ref w, 48);
            var v = Vector512.Create(Unsafe.Add(ref x, i));
            a00 = Vector512.FusedMultiplyAdd(w0, v, a00); a01 = Vector512.FusedMultiplyAdd(w1, v, a01);
            a02 = Vector512.FusedMultiplyAdd(w2, v, a02); a03 = Vector512.FusedMultiplyAdd(w3, v, a03);
            v = Vector512.Create(Unsafe.Add(ref x1, i));
            a10 = Vector512.FusedMultiplyAdd(w0, v, a10); a11 = Vector512.FusedMultiplyAdd(w1, v, a11);
            a12 = Vector512.FusedMultiplyAdd(w2, v, a12); a13 = Vector512.FusedMultiplyAdd(w3, v, a13);
            v = Vector512.Create(Unsafe.Add(ref x2, i));
            a20 = Vector512.FusedMultiplyAdd(w0, v, a20); a21 = Vector512.FusedMultiplyAdd(w1, v, a21);
            a22 = Vector512.FusedMultiplyAdd(w2, v, a22); a23 = Vector512.FusedMultiplyAdd(w3, v, a23);
            v = Vector512.Create(Unsafe.Add(ref x3, i));
            a30 = Vector512.FusedMultiplyAdd(w0, v, a30); a31 = Vector512.FusedMultiplyAdd(w1, v, a31);
            a32 = Vector512.FusedMultiplyAdd(w2, v, a32); a33 = Vector512.FusedMultiplyAdd(w3, v, a33);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a00.StoreUnsafe(ref y); a01.StoreUnsafe(ref y, 16); a02.StoreUnsafe(ref y, 32); a03.StoreUnsafe(ref y, 48);
        y = ref Unsafe.Add(ref y, yStride);
        a10.StoreUnsafe(ref y); a11.StoreUnsafe(ref y, 16); a12.StoreUnsafe(ref y, 32); a13.StoreUnsafe(ref y, 48);
        y = ref Unsafe.Add(ref y, yStride);
        a20.StoreUnsafe(ref y); a21.StoreUnsafe(ref y, 16); a22.StoreUnsafe(ref y, 32); a23.StoreUnsafe(ref y, 48);
        y = ref Unsafe.Add(ref y, yStride);
        a30.StoreUnsafe(ref y); a31.StoreUnsafe(ref y, 16); a32.StoreUnsafe(ref y, 32); a33.StoreUnsafe(ref y, 48);
    }

    /// <summary>1 voice × 64 outputs (the batch's last rows, or a single transfer voice).</summary>
    private static void Tile1x4(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
    {
        var a0 = Vector512.LoadUnsafe(ref bias);
        var a1 = Vector512.LoadUnsafe(ref bias, 16);
        var a2 = Vector512.LoadUnsafe(ref bias, 32);
        var a3 = Vector512.LoadUnsafe(ref bias, 48);
        for (int i = 0; i < inputs; i++)
        {
            var v = Vector512.Create(Unsafe.Add(ref x, i));
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w), v, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, 16), v, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, 32), v, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, 48), v, a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a0.StoreUnsafe(ref y); a1.StoreUnsafe(ref y, 16); a2.StoreUnsafe(ref y, 32); a3.StoreUnsafe(ref y, 48);
    }

    /// <summary>4 voices × 16 outputs (widths that are not a multiple of 64, e.g. 96).</summary>
    private static void Tile4x1(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
    {
        var a0 = Vector512.LoadUnsafe(ref bias);
        Vector512<float> a1 = a0, a2 = a0, a3 = a0;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        for (int i = 0; i < inputs; i++)
        {
            var wv = Vector512.LoadUnsafe(ref w);
            a0 = Vector512.FusedMultiplyAdd(wv, Vector512.Create(Unsafe.Add(ref x, i)), a0);
            a1 = Vector512.FusedMultiplyAdd(wv, Vector512.Create(Unsafe.Add(ref x1, i)), a1);
            a2 = Vector512.FusedMultiplyAdd(wv, Vector512.Create(Unsafe.Add(ref x2, i)), a2);
            a3 = Vector512.FusedMultiplyAdd(wv, Vector512.Create(Unsafe.Add(ref x3, i)), a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a0.StoreUnsafe(ref y);
        a1.StoreUnsafe(ref Unsafe.Add(ref y, yStride));
        a2.StoreUnsafe(ref Unsafe.Add(ref y, 2 * yStride));
        a3.StoreUnsafe(ref Unsafe.Add(ref y, 3 * yStride));
    }

    private static void Tile1x1(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
    {
        var a = Vector512.LoadUnsafe(ref bias);
        for (int i = 0; i < inputs; i++)
        {
            a = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w), Vector512.Create(Unsafe.Add(ref x, i)), a);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a.StoreUnsafe(ref y);
    }
}
