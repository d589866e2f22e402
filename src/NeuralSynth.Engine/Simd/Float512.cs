using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralSynth.Engine.Simd;

/// <summary>The 512-bit (AVX-512) operator struct for the generic kernels.</summary>
public readonly struct Float512 : IFloatVector<Vector512<float>>
{
    public static int Count => Vector512<float>.Count;
    public static bool HasWideTile => true; // 32 zmm registers

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Create(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float source, nuint index) => Vector512.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> left, Vector512<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> left, Vector512<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> left, Vector512<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> left, Vector512<float> right) => left / right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> FusedMultiplyAdd(Vector512<float> left, Vector512<float> right, Vector512<float> addend) => Vector512.FusedMultiplyAdd(left, right, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> value) => Vector512.Abs(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> AtMost(Vector512<float> value, float limit) => Vector512.Min(value, Vector512.Create(limit));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectLess(Vector512<float> left, Vector512<float> right, Vector512<float> ifLess, Vector512<float> otherwise) =>
        Vector512.ConditionalSelect(Vector512.LessThan(left, right), ifLess, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> PowerOfTwoFromRoundingBits(Vector512<float> shifted, int bias) =>
        Vector512.ShiftLeft(shifted.AsInt32() - Vector512.Create(bias - 127), 23).AsSingle();

    /// <summary>A 512-bit divide is very slow (one per 16 cycles); the 14-bit hardware estimate plus one Newton
    /// step is accurate to about 2^-28, below float rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Reciprocal(Vector512<float> d)
    {
        if (!Avx512F.IsSupported) return Vector512<float>.One / d;
        var r = Avx512F.Reciprocal14(d);
        return r * Vector512.FusedMultiplyAdd(-d, r, Vector512.Create(2f));
    }
}
