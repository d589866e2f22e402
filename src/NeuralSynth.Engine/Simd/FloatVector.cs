using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace NeuralSynth.Engine.Simd;

/// <summary>The <see cref="Vector{T}"/> (hardware-width, any ISA) operator struct for the generic kernels.</summary>
public readonly struct FloatVector : IFloatVector<Vector<float>>
{
    public static int Count => Vector<float>.Count;
    /// <summary>Vector&lt;float&gt; has 32 registers where EVEX encoding exists (AVX-512VL) and on Arm64; AVX2 alone has 16.</summary>
    public static bool HasWideTile => Avx512F.VL.IsSupported || AdvSimd.Arm64.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Create(float value) => Vector.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Load(ref float source, nuint index) => Vector.LoadUnsafe(ref source, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector<float> value, ref float destination, nuint index) => value.StoreUnsafe(ref destination, index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Add(Vector<float> left, Vector<float> right) => left + right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Subtract(Vector<float> left, Vector<float> right) => left - right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Multiply(Vector<float> left, Vector<float> right) => left * right;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Divide(Vector<float> left, Vector<float> right) => left / right;
    /// <summary>left·right + addend, fused where the CPU has the instruction. Where it has not (the SSE-only
    /// x86-64-v2 plug-in build), .NET's fallback for Vector.FusedMultiplyAdd calls the C library's fmaf once per
    /// element, which made that build 25x slower; a separate multiply and add rounds twice and costs two instructions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> FusedMultiplyAdd(Vector<float> left, Vector<float> right, Vector<float> addend) =>
        Fma.IsSupported || AdvSimd.IsSupported ? Vector.FusedMultiplyAdd(left, right, addend) : left * right + addend;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> Abs(Vector<float> value) => Vector.Abs(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> AtMost(Vector<float> value, float limit) => Vector.Min(value, Vector.Create(limit));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<float> CopySign(Vector<float> value, Vector<float> sign) => Vector.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SelectLess(Vector<float> left, Vector<float> right, Vector<float> ifLess, Vector<float> otherwise) =>
        Vector.ConditionalSelect(Vector.LessThan(left, right), ifLess, otherwise);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> PowerOfTwoFromRoundingBits(Vector<float> shifted, int bias) =>
        Vector.AsVectorSingle(Vector.ShiftLeft(Vector.AsVectorInt32(shifted) - new Vector<int>(bias - 127), 23));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Reciprocal(Vector<float> d) => Vector<float>.One / d;
}
