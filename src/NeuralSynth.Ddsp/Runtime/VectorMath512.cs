using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// The transcendental pieces of the decoder's element-wise steps as AVX-512 register functions, so a whole step
/// (GRU gates, exp_sigmoid) is one fused pass instead of a chain of span passes. Accuracy is a few float ulps,
/// well inside what the ONNX Runtime oracle test bounds:
/// <list type="bullet">
/// <item>e^x: Cody-Waite reduction x = n·ln2 + r (|r| ≤ ln2/2, ln2 split so n·ln2High is exact), Taylor
/// polynomial of e^r to r^7 (next term &lt; 1e-8 relative), 2^n added to the exponent bits. Arguments are
/// clamped to [−87, 88], where e^x stays a normal float.</item>
/// <item>log(1 + u) for u in [0, 1]: 2·atanh(s) with s = u/(2 + u) ≤ 1/3, odd series to s^15.</item>
/// </list>
/// </summary>
internal static class VectorMath512
{
    private const float Log2E = 1.44269504088896341f;
    private const float RoundingBias = 12582912f; // 1.5·2^23: adding it rounds to an integer held in the low mantissa bits
    private const float Ln2High = 0.693145751953125f;
    private const float Ln2Low = 1.42860682030941723e-6f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87f)), Vector512.Create(88f));
        var shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingBias));
        var n = shifted - Vector512.Create(RoundingBias);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 5040f), r, Vector512.Create(1f / 720f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        var exponent = (shifted.AsInt32() - Vector512.Create(RoundingBias).AsInt32()) << 23;
        return (p.AsInt32() + exponent).AsSingle();
    }

    /// <summary>1/(1 + e^−x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) => Vector512<float>.One / (Vector512<float>.One + Exp(-x));

    /// <summary>1 − 2/(e^2x + 1): absolute error a few 1e-8, which is what the GRU state needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> x) =>
        Vector512<float>.One - Vector512.Create(2f) / (Exp(x + x) + Vector512<float>.One);

    /// <summary>log(1 + u) for 0 ≤ u ≤ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1P(Vector512<float> u)
    {
        var s = u / (Vector512.Create(2f) + u);
        var s2 = s * s;
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 15f), s2, Vector512.Create(1f / 13f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 11f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 9f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 7f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 5f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512.Create(1f / 3f));
        p = Vector512.FusedMultiplyAdd(p, s2, Vector512<float>.One);
        return (s + s) * p;
    }

    /// <summary>log σ(x) = −(max(−x, 0) + log(1 + e^−|x|)), accurate at both tails (no log of a rounded σ near 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LogSigmoid(Vector512<float> x) =>
        -(Vector512.Max(-x, Vector512<float>.Zero) + Log1P(Exp(-Vector512.Abs(x))));
}
