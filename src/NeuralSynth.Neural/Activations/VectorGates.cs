using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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

    // ---- 512-bit ----

    /// <summary>e^y for 0 ≤ y ≤ 88.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpNonNegative(Vector512<float> y)
    {
        var shifted = Vector512.FusedMultiplyAdd(y, Vector512.Create(Log2E), Vector512.Create(RoundingBias));
        var n = shifted - Vector512.Create(RoundingBias);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), y);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        // Degree-7 Taylor polynomial of e^r in Estrin form: 3 dependent FMA levels instead of Horner's 7
        // (the recurrent kernels are latency-bound).
        var r2 = r * r;
        var r4 = r2 * r2;
        var lo = Vector512.FusedMultiplyAdd(r2, Vector512.FusedMultiplyAdd(r, Vector512.Create(1f / 6f), Vector512.Create(0.5f)), r + Vector512<float>.One);
        var hi = Vector512.FusedMultiplyAdd(r2, Vector512.FusedMultiplyAdd(r, Vector512.Create(1f / 5040f), Vector512.Create(1f / 720f)),
                                           Vector512.FusedMultiplyAdd(r, Vector512.Create(1f / 120f), Vector512.Create(1f / 24f)));
        var e = Vector512.FusedMultiplyAdd(r4, hi, lo);
        var scale = Vector512.ShiftLeft(shifted.AsInt32() - Vector512.Create(RoundingBiasBits - 127), 23);
        return e * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x)
    {
        var e = ExpNonNegative(Vector512.Min(Vector512.Abs(x), Vector512.Create(SigmoidArgumentLimit)));
        var r = VectorTanh.Reciprocal(e + Vector512<float>.One); // sigmoid(-|x|)
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), r, Vector512<float>.One - r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) => VectorTanh.Tanh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FastTanh(Vector512<float> x)
    {
        var ax = Vector512.Abs(x);
        var x2 = x * x;
        var num = x * (Vector512.Create(A) + Vector512.Create(A) * ax + (Vector512.Create(B) + Vector512.Create(C) * ax) * x2);
        var den = Vector512.Create(D) + (Vector512.Create(D) + x2) * Vector512.Abs(x + Vector512.Create(E) * x * ax);
        return num / den;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FastSigmoid(Vector512<float> x) =>
        Vector512.Create(0.5f) * (FastTanh(x * Vector512.Create(0.5f)) + Vector512<float>.One);

    // ---- 256-bit ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> ExpNonNegative(Vector256<float> y)
    {
        var shifted = Vector256.FusedMultiplyAdd(y, Vector256.Create(Log2E), Vector256.Create(RoundingBias));
        var n = shifted - Vector256.Create(RoundingBias);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), y);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        // Degree-7 Taylor polynomial of e^r in Estrin form: 3 dependent FMA levels instead of Horner's 7
        // (the recurrent kernels are latency-bound).
        var r2 = r * r;
        var r4 = r2 * r2;
        var lo = Vector256.FusedMultiplyAdd(r2, Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 6f), Vector256.Create(0.5f)), r + Vector256<float>.One);
        var hi = Vector256.FusedMultiplyAdd(r2, Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 5040f), Vector256.Create(1f / 720f)),
                                           Vector256.FusedMultiplyAdd(r, Vector256.Create(1f / 120f), Vector256.Create(1f / 24f)));
        var e = Vector256.FusedMultiplyAdd(r4, hi, lo);
        var scale = Vector256.ShiftLeft(shifted.AsInt32() - Vector256.Create(RoundingBiasBits - 127), 23);
        return e * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x)
    {
        var e = ExpNonNegative(Vector256.Min(Vector256.Abs(x), Vector256.Create(SigmoidArgumentLimit)));
        var r = VectorTanh.Reciprocal(e + Vector256<float>.One); // sigmoid(-|x|)
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), r, Vector256<float>.One - r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> x) => VectorTanh.Tanh(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FastTanh(Vector256<float> x)
    {
        var ax = Vector256.Abs(x);
        var x2 = x * x;
        var num = x * (Vector256.Create(A) + Vector256.Create(A) * ax + (Vector256.Create(B) + Vector256.Create(C) * ax) * x2);
        var den = Vector256.Create(D) + (Vector256.Create(D) + x2) * Vector256.Abs(x + Vector256.Create(E) * x * ax);
        return num / den;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FastSigmoid(Vector256<float> x) =>
        Vector256.Create(0.5f) * (FastTanh(x * Vector256.Create(0.5f)) + Vector256<float>.One);
}
