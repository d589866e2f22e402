using System.Runtime.CompilerServices;
using NeuralSynth.Engine.Simd;

namespace NeuralSynth.Neural.Activations;

/// <summary>
/// Register-level sigmoid and tanh for the recurrent kernels, in two flavours:
/// <list type="bullet">
/// <item>exact: sigmoid(x) = 1/(1+e^-x) through e^|x| (Cody-Waite reduction, degree-7 polynomial, as in
/// <see cref="VectorTanh"/>), within a few float ulps; tanh is <see cref="VectorTanh"/>'s;</item>
/// <item>fast: NeuralAmpModelerCore's <c>fast_tanh</c> rational (see <see cref="FastTanh"/>) and its
/// <c>fast_sigmoid(x) = (fast_tanh(x/2) + 1)/2</c>, the same formulas evaluated lane-wise.</item>
/// </list>
/// </summary>
internal static class VectorGates
{
    private const float SigmoidArgumentLimit = 80f; // sigmoid(-80) ~ 1.8e-35, still a normal float
    private const float Log2E = 1.44269504088896341f;
    private const float RoundingBias = 12582912f; // 1.5 * 2^23
    private const int RoundingBiasBits = 0x4B400000;
    private const float Ln2High = 0.693145751953125f;
    private const float Ln2Low = 1.42860682030941723e-6f;

    private const float A = 2.45550750702956f;
    private const float B = 0.893229853513558f;
    private const float C = 0.821226666969744f;
    private const float D = 2.44506634652299f;
    private const float E = 0.814642734961073f;

    /// <summary>e^y for 0 ≤ y ≤ 88.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector ExpNonNegative<TOps, TVector>(TVector y)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var shifted = TOps.FusedMultiplyAdd(y, TOps.Create(Log2E), TOps.Create(RoundingBias));
        var n = TOps.Subtract(shifted, TOps.Create(RoundingBias));
        var r = TOps.FusedMultiplyAdd(n, TOps.Create(-Ln2High), y);
        r = TOps.FusedMultiplyAdd(n, TOps.Create(-Ln2Low), r);
        // Degree-7 Taylor polynomial of e^r in Estrin form: 3 dependent FMA levels instead of Horner's 7
        // (the recurrent kernels are latency-bound).
        var r2 = TOps.Multiply(r, r);
        var r4 = TOps.Multiply(r2, r2);
        var lo = TOps.FusedMultiplyAdd(r2, TOps.FusedMultiplyAdd(r, TOps.Create(1f / 6f), TOps.Create(0.5f)), TOps.Add(r, TOps.Create(1f)));
        var hi = TOps.FusedMultiplyAdd(r2, TOps.FusedMultiplyAdd(r, TOps.Create(1f / 5040f), TOps.Create(1f / 720f)),
                                       TOps.FusedMultiplyAdd(r, TOps.Create(1f / 120f), TOps.Create(1f / 24f)));
        var e = TOps.FusedMultiplyAdd(r4, hi, lo);
        return TOps.Multiply(e, TOps.PowerOfTwoFromRoundingBits(shifted, RoundingBiasBits));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Sigmoid<TOps, TVector>(TVector x)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var one = TOps.Create(1f);
        var e = ExpNonNegative<TOps, TVector>(TOps.AtMost(TOps.Abs(x), SigmoidArgumentLimit));
        var r = TOps.Reciprocal(TOps.Add(e, one)); // sigmoid(-|x|)
        return TOps.SelectLess(x, TOps.Create(0f), r, TOps.Subtract(one, r));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Tanh<TOps, TVector>(TVector x)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct => VectorTanh.Tanh<TOps, TVector>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector FastTanh<TOps, TVector>(TVector x)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var ax = TOps.Abs(x);
        var x2 = TOps.Multiply(x, x);
        var a = TOps.Create(A);
        var num = TOps.Multiply(x, TOps.Add(TOps.Add(a, TOps.Multiply(a, ax)), TOps.Multiply(TOps.Add(TOps.Create(B), TOps.Multiply(TOps.Create(C), ax)), x2)));
        var d = TOps.Create(D);
        var den = TOps.Add(d, TOps.Multiply(TOps.Add(d, x2), TOps.Abs(TOps.Add(x, TOps.Multiply(TOps.Multiply(TOps.Create(E), x), ax)))));
        return TOps.Divide(num, den);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector FastSigmoid<TOps, TVector>(TVector x)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        var half = TOps.Create(0.5f);
        return TOps.Multiply(half, TOps.Add(FastTanh<TOps, TVector>(TOps.Multiply(x, half)), TOps.Create(1f)));
    }
}
