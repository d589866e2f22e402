using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralSynth.Engine.Simd;

/// <summary>The 256-bit (AVX2) operator struct for the generic kernels.</summary>
public readonly struct Float256 : IFloatVector<Vector256<float>>
{
    public static int Count => Vector256<float>.Count;
    public static bool HasWideTile => false; // 16 ymm registers: a 4x4-vector tile would spill

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Create(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float source, nuint index) => Vector256.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> left, Vector256<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> left, Vector256<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> left, Vector256<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> left, Vector256<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> FusedMultiplyAdd(Vector256<float> left, Vector256<float> right, Vector256<float> addend) => Vector256.FusedMultiplyAdd(left, right, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> value) => Vector256.Abs(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> AtMost(Vector256<float> value, float limit) => Vector256.Min(value, Vector256.Create(limit));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SelectLess(Vector256<float> left, Vector256<float> right, Vector256<float> ifLess, Vector256<float> otherwise) =>
        Vector256.ConditionalSelect(Vector256.LessThan(left, right), ifLess, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> PowerOfTwoFromRoundingBits(Vector256<float> shifted, int bias) =>
        Vector256.ShiftLeft(shifted.AsInt32() - Vector256.Create(bias - 127), 23).AsSingle();

    /// <summary>The AVX-512VL 14-bit estimate plus one Newton step where available (a divide costs several
    /// times more latency), else a divide.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Reciprocal(Vector256<float> d)
    {
        if (!Avx512F.VL.IsSupported) return Vector256<float>.One / d;
        var r = Avx512F.VL.Reciprocal14(d);
        return r * Vector256.FusedMultiplyAdd(-d, r, Vector256.Create(2f));
    }
}
