using System.Runtime.CompilerServices;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Ddsp.Runtime;

internal static partial class BatchGemm
{
    /// <summary>The vector path at any width (<see cref="Float512"/> where the weights are packed 16 lanes wide,
    /// else <see cref="FloatVector"/>): 4-vector panels, then single vectors for widths not a multiple of 4. Panels
    /// go 4 voices at a time where there are 32 registers (<paramref name="wideTile"/>), else 2 (an AVX2 core's 16).</summary>
    private static void MultiplyVector<TOps, TVector>(DenseWeights w, ref float x0, int xStride, ref float y0, int yStride, int rows, bool wideTile)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        ref float w0 = ref w.Matrix[0];
        ref float b0 = ref w.Bias[0];
        int inputs = w.Inputs, p = w.PaddedOutputs, lanes = TOps.Count;
        int c = 0;
        for (; c + 4 * lanes <= p; c += 4 * lanes)
        {
            int r = 0;
            if (wideTile)
                for (; r + 4 <= rows; r += 4)
                    TileNx4<TOps, TVector, FourRows>(ref Unsafe.Add(ref w0, c * inputs), 4 * lanes, ref Unsafe.Add(ref b0, c), inputs,
                        ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            else
                for (; r + 2 <= rows; r += 2)
                    TileNx4<TOps, TVector, TwoRows>(ref Unsafe.Add(ref w0, c * inputs), 4 * lanes, ref Unsafe.Add(ref b0, c), inputs,
                        ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x4<TOps, TVector>(ref Unsafe.Add(ref w0, c * inputs), 4 * lanes, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
        for (; c < p; c += lanes)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
                Tile4x1<TOps, TVector>(ref Unsafe.Add(ref w0, c * inputs), lanes, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), xStride, ref Unsafe.Add(ref y0, r * yStride + c), yStride);
            for (; r < rows; r++)
                Tile1x1<TOps, TVector>(ref Unsafe.Add(ref w0, c * inputs), lanes, ref Unsafe.Add(ref b0, c), inputs,
                    ref Unsafe.Add(ref x0, r * xStride), ref Unsafe.Add(ref y0, r * yStride + c));
        }
    }

    /// <summary>Four voices per tile, or two: a type argument, so each compiles to its own unrolled loop.</summary>
    private interface ITileRows { static abstract bool HasFour { get; } }
    private readonly struct TwoRows : ITileRows { public static bool HasFour => false; }
    private readonly struct FourRows : ITileRows { public static bool HasFour => true; }

    /// <summary>4 voices × 4 vectors of outputs where there are 32 registers; 2 voices × 4 vectors (8 accumulators,
    /// 4 weight vectors and a broadcast) in AVX2's 16. The last two voices' lines vanish from the two-voice copy.</summary>
    private static void TileNx4<TOps, TVector, TRows>(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        nuint n = (nuint)TOps.Count;
        var bias0 = TOps.Load(ref bias, 0);
        var bias1 = TOps.Load(ref bias, n);
        var bias2 = TOps.Load(ref bias, 2 * n);
        var bias3 = TOps.Load(ref bias, 3 * n);
        TVector a00 = bias0, a01 = bias1, a02 = bias2, a03 = bias3;
        TVector a10 = bias0, a11 = bias1, a12 = bias2, a13 = bias3;
        TVector a20 = bias0, a21 = bias1, a22 = bias2, a23 = bias3;
        TVector a30 = bias0, a31 = bias1, a32 = bias2, a33 = bias3;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, TRows.HasFour ? 2 * xStride : 0);
        ref float x3 = ref Unsafe.Add(ref x, TRows.HasFour ? 3 * xStride : 0);
        for (int i = 0; i < inputs; i++)
        {
            var w0 = TOps.Load(ref w, 0);
            var w1 = TOps.Load(ref w, n);
            var w2 = TOps.Load(ref w, 2 * n);
            var w3 = TOps.Load(ref w, 3 * n);
            var v = TOps.Create(Unsafe.Add(ref x, i));
            a00 = TOps.FusedMultiplyAdd(w0, v, a00); a01 = TOps.FusedMultiplyAdd(w1, v, a01);
            a02 = TOps.FusedMultiplyAdd(w2, v, a02); a03 = TOps.FusedMultiplyAdd(w3, v, a03);
            v = TOps.Create(Unsafe.Add(ref x1, i));
            a10 = TOps.FusedMultiplyAdd(w0, v, a10); a11 = TOps.FusedMultiplyAdd(w1, v, a11);
            a12 = TOps.FusedMultiplyAdd(w2, v, a12); a13 = TOps.FusedMultiplyAdd(w3, v, a13);
            if (TRows.HasFour)
            {
                v = TOps.Create(Unsafe.Add(ref x2, i));
                a20 = TOps.FusedMultiplyAdd(w0, v, a20); a21 = TOps.FusedMultiplyAdd(w1, v, a21);
                a22 = TOps.FusedMultiplyAdd(w2, v, a22); a23 = TOps.FusedMultiplyAdd(w3, v, a23);
                v = TOps.Create(Unsafe.Add(ref x3, i));
                a30 = TOps.FusedMultiplyAdd(w0, v, a30); a31 = TOps.FusedMultiplyAdd(w1, v, a31);
                a32 = TOps.FusedMultiplyAdd(w2, v, a32); a33 = TOps.FusedMultiplyAdd(w3, v, a33);
            }
            w = ref Unsafe.Add(ref w, wStride);
        }
        StoreRow<TOps, TVector>(ref y, n, a00, a01, a02, a03);
        StoreRow<TOps, TVector>(ref Unsafe.Add(ref y, yStride), n, a10, a11, a12, a13);
        if (!TRows.HasFour) return;
        StoreRow<TOps, TVector>(ref Unsafe.Add(ref y, 2 * yStride), n, a20, a21, a22, a23);
        StoreRow<TOps, TVector>(ref Unsafe.Add(ref y, 3 * yStride), n, a30, a31, a32, a33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TOps, TVector>(ref float y, nuint n, TVector a0, TVector a1, TVector a2, TVector a3)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        TOps.Store(a0, ref y, 0); TOps.Store(a1, ref y, n); TOps.Store(a2, ref y, 2 * n); TOps.Store(a3, ref y, 3 * n);
    }

    /// <summary>1 voice × 4 vectors (the batch's last rows, or a single transfer voice).</summary>
    private static void Tile1x4<TOps, TVector>(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        nuint n = (nuint)TOps.Count;
        var a0 = TOps.Load(ref bias, 0);
        var a1 = TOps.Load(ref bias, n);
        var a2 = TOps.Load(ref bias, 2 * n);
        var a3 = TOps.Load(ref bias, 3 * n);
        for (int i = 0; i < inputs; i++)
        {
            var v = TOps.Create(Unsafe.Add(ref x, i));
            a0 = TOps.FusedMultiplyAdd(TOps.Load(ref w, 0), v, a0);
            a1 = TOps.FusedMultiplyAdd(TOps.Load(ref w, n), v, a1);
            a2 = TOps.FusedMultiplyAdd(TOps.Load(ref w, 2 * n), v, a2);
            a3 = TOps.FusedMultiplyAdd(TOps.Load(ref w, 3 * n), v, a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        StoreRow<TOps, TVector>(ref y, n, a0, a1, a2, a3);
    }

    /// <summary>4 voices × 1 vector (widths that are not a multiple of 4 vectors, e.g. 96).</summary>
    private static void Tile4x1<TOps, TVector>(ref float w, int wStride, ref float bias, int inputs, ref float x, int xStride, ref float y, int yStride)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var a0 = TOps.Load(ref bias, 0);
        TVector a1 = a0, a2 = a0, a3 = a0;
        ref float x1 = ref Unsafe.Add(ref x, xStride);
        ref float x2 = ref Unsafe.Add(ref x, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x, 3 * xStride);
        for (int i = 0; i < inputs; i++)
        {
            var wv = TOps.Load(ref w, 0);
            a0 = TOps.FusedMultiplyAdd(wv, TOps.Create(Unsafe.Add(ref x, i)), a0);
            a1 = TOps.FusedMultiplyAdd(wv, TOps.Create(Unsafe.Add(ref x1, i)), a1);
            a2 = TOps.FusedMultiplyAdd(wv, TOps.Create(Unsafe.Add(ref x2, i)), a2);
            a3 = TOps.FusedMultiplyAdd(wv, TOps.Create(Unsafe.Add(ref x3, i)), a3);
            w = ref Unsafe.Add(ref w, wStride);
        }
        TOps.Store(a0, ref y, 0);
        TOps.Store(a1, ref Unsafe.Add(ref y, yStride), 0);
        TOps.Store(a2, ref Unsafe.Add(ref y, 2 * yStride), 0);
        TOps.Store(a3, ref Unsafe.Add(ref y, 3 * yStride), 0);
    }

    private static void Tile1x1<TOps, TVector>(ref float w, int wStride, ref float bias, int inputs, ref float x, ref float y)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var a = TOps.Load(ref bias, 0);
        for (int i = 0; i < inputs; i++)
        {
            a = TOps.FusedMultiplyAdd(TOps.Load(ref w, 0), TOps.Create(Unsafe.Add(ref x, i)), a);
            w = ref Unsafe.Add(ref w, wStride);
        }
        TOps.Store(a, ref y, 0);
    }
}
