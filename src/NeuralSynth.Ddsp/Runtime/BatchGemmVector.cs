// The Vector<float> twin of BatchGemm512.cs (AVX2 and Arm hosts): the same tiles, Vector<float>.Count lanes wide.
using System.Runtime.CompilerServices;
using System.Numerics;

namespace NeuralSynth.Ddsp.Runtime;

internal static partial class BatchGemm
{
    private static int LanesVector => Vector<float>.Count;

    private static void MultiplyVector(DenseWeights w, ref float x0, int xStride, ref float y0, int yStride, int rows)
    {
        ref float w0 = ref w.Matrix[0];
        ref float b0 = ref w.Bias[0];
        int inputs = w.Inputs, p = w.PaddedOutputs;
        int c = 0;
        for (; c + 4 * LanesVector <= p; c += 4 * LanesVector)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                Tile4x4Vector(ref Unsafe.Add(ref w0, c * inputs), 4 * LanesVector, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x4Vector(ref Unsafe.Add(ref w0, c * inputs), 4 * LanesVector, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
        for (; c < p; c += LanesVector)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                Tile4x1Vector(ref Unsafe.Add(ref w0, c * inputs), LanesVector, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x1Vector(ref Unsafe.Add(ref w0, c * inputs), LanesVector, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
    }

    /// <summary>4 voices × 4 vectors of outputs.</summary>
    private static void Tile4x4Vector(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
    {
        var bias0 = Vector.LoadUnsafe(ref bias);
        var bias1 = Vector.LoadUnsafe(ref bias, (nuint)Vector<float>.Count);
        var bias2 = Vector.LoadUnsafe(ref bias, 2 * (nuint)Vector<float>.Count);
        var bias3 = Vector.LoadUnsafe(ref bias, 3 * (nuint)Vector<float>.Count);
        Vector<float> a00 = bias0, a01 = bias1, a02 = bias2, a03 = bias3;
        Vector<float> a10 = bias0, a11 = bias1, a12 = bias2, a13 = bias3;
        Vector<float> a20 = bias0, a21 = bias1, a22 = bias2, a23 = bias3;
        Vector<float> a30 = bias0, a31 = bias1, a32 = bias2, a33 = bias3;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        for (int i = 0; i < inputs; i++)
        {
            var w0 = Vector.LoadUnsafe(ref w);
            var w1 = Vector.LoadUnsafe(ref w, (nuint)Vector<float>.Count);
            var w2 = Vector.LoadUnsafe(ref w, 2 * (nuint)Vector<float>.Count);
            var w3 = Vector.LoadUnsafe(ref w, 3 * (nuint)Vector<float>.Count);
            var v = Vector.Create(Unsafe.Add(ref x, i));
            a00 = Vector.FusedMultiplyAdd(w0, v, a00); a01 = Vector.FusedMultiplyAdd(w1, v, a01);
            a02 = Vector.FusedMultiplyAdd(w2, v, a02); a03 = Vector.FusedMultiplyAdd(w3, v, a03);
            v = Vector.Create(Unsafe.Add(ref x1, i));
            a10 = Vector.FusedMultiplyAdd(w0, v, a10); a11 = Vector.FusedMultiplyAdd(w1, v, a11);
            a12 = Vector.FusedMultiplyAdd(w2, v, a12); a13 = Vector.FusedMultiplyAdd(w3, v, a13);
            v = Vector.Create(Unsafe.Add(ref x2, i));
            a20 = Vector.FusedMultiplyAdd(w0, v, a20); a21 = Vector.FusedMultiplyAdd(w1, v, a21);
            a22 = Vector.FusedMultiplyAdd(w2, v, a22); a23 = Vector.FusedMultiplyAdd(w3, v, a23);
            v = Vector.Create(Unsafe.Add(ref x3, i));
            a30 = Vector.FusedMultiplyAdd(w0, v, a30); a31 = Vector.FusedMultiplyAdd(w1, v, a31);
            a32 = Vector.FusedMultiplyAdd(w2, v, a32); a33 = Vector.FusedMultiplyAdd(w3, v, a33);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a00.StoreUnsafe(ref y); a01.StoreUnsafe(ref y, (nuint)Vector<float>.Count); a02.StoreUnsafe(ref y, 2 * (nuint)Vector<float>.Count); a03.StoreUnsafe(ref y, 3 * (nuint)Vector<float>.Count);
        y = ref Unsafe.Add(ref y, yStride);
        a10.StoreUnsafe(ref y); a11.StoreUnsafe(ref y, (nuint)Vector<float>.Count); a12.StoreUnsafe(ref y, 2 * (nuint)Vector<float>.Count); a13.StoreUnsafe(ref y, 3 * (nuint)Vector<float>.Count);
        y = ref Unsafe.Add(ref y, yStride);
        a20.StoreUnsafe(ref y); a21.StoreUnsafe(ref y, (nuint)Vector<float>.Count); a22.StoreUnsafe(ref y, 2 * (nuint)Vector<float>.Count); a23.StoreUnsafe(ref y, 3 * (nuint)Vector<float>.Count);
        y = ref Unsafe.Add(ref y, yStride);
        a30.StoreUnsafe(ref y); a31.StoreUnsafe(ref y, (nuint)Vector<float>.Count); a32.StoreUnsafe(ref y, 2 * (nuint)Vector<float>.Count); a33.StoreUnsafe(ref y, 3 * (nuint)Vector<float>.Count);
    }

    /// <summary>1 voice × 4 vectors (the batch's last rows, or a single transfer voice).</summary>
    private static void Tile1x4Vector(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
    {
        var a0 = Vector.LoadUnsafe(ref bias);
        var a1 = Vector.LoadUnsafe(ref bias, (nuint)Vector<float>.Count);
        var a2 = Vector.LoadUnsafe(ref bias, 2 * (nuint)Vector<float>.Count);
        var a3 = Vector.LoadUnsafe(ref bias, 3 * (nuint)Vector<float>.Count);
        for (int i = 0; i < inputs; i++)
        {
            var v = Vector.Create(Unsafe.Add(ref x, i));
            a0 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref w), v, a0);
            a1 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref w, (nuint)Vector<float>.Count), v, a1);
            a2 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref w, 2 * (nuint)Vector<float>.Count), v, a2);
            a3 = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref w, 3 * (nuint)Vector<float>.Count), v, a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a0.StoreUnsafe(ref y); a1.StoreUnsafe(ref y, (nuint)Vector<float>.Count); a2.StoreUnsafe(ref y, 2 * (nuint)Vector<float>.Count); a3.StoreUnsafe(ref y, 3 * (nuint)Vector<float>.Count);
    }

    /// <summary>4 voices × 1 vector.</summary>
    private static void Tile4x1Vector(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
    {
        var a0 = Vector.LoadUnsafe(ref bias);
        Vector<float> a1 = a0, a2 = a0, a3 = a0;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        for (int i = 0; i < inputs; i++)
        {
            var wv = Vector.LoadUnsafe(ref w);
            a0 = Vector.FusedMultiplyAdd(wv, Vector.Create(Unsafe.Add(ref x, i)), a0);
            a1 = Vector.FusedMultiplyAdd(wv, Vector.Create(Unsafe.Add(ref x1, i)), a1);
            a2 = Vector.FusedMultiplyAdd(wv, Vector.Create(Unsafe.Add(ref x2, i)), a2);
            a3 = Vector.FusedMultiplyAdd(wv, Vector.Create(Unsafe.Add(ref x3, i)), a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a0.StoreUnsafe(ref y);
        a1.StoreUnsafe(ref Unsafe.Add(ref y, yStride));
        a2.StoreUnsafe(ref Unsafe.Add(ref y, 2 * yStride));
        a3.StoreUnsafe(ref Unsafe.Add(ref y, 3 * yStride));
    }

    private static void Tile1x1Vector(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
    {
        var a = Vector.LoadUnsafe(ref bias);
        for (int i = 0; i < inputs; i++)
        {
            a = Vector.FusedMultiplyAdd(Vector.LoadUnsafe(ref w), Vector.Create(Unsafe.Add(ref x, i)), a);
            w = ref Unsafe.Add(ref w, wStride);
        }
        a.StoreUnsafe(ref y);
    }
}
