using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NeuralSynth.Engine.Simd;

/// <summary>
/// Row sums of a column of accumulator vectors: <c>destination[n] = Σ lanes of accumulators[n]</c>. One horizontal
/// sum per vector costs a shuffle-and-add ladder each; with AVX, eight vectors are reduced together by a tree of
/// horizontal adds whose every step serves all eight (about half the instructions), and 512-bit vectors first fold
/// to 256 bits. A last group of fewer than eight runs the same tree with zero vectors, so each sum adds its lanes in
/// the same order wherever it sits: a synth's output must not depend on where a host block split the segment.
/// </summary>
public static class LaneSums
{
    public static void Reduce(ReadOnlySpan<Vector512<float>> accumulators, Span<float> destination)
    {
        if (!Avx.IsSupported)
        {
            for (int i = 0; i < destination.Length; i++) destination[i] = Vector512.Sum(accumulators[i]);
            return;
        }
        int n = 0;
        for (; n + 8 <= destination.Length; n += 8)
            Eight(Fold(accumulators[n]), Fold(accumulators[n + 1]), Fold(accumulators[n + 2]), Fold(accumulators[n + 3]),
                Fold(accumulators[n + 4]), Fold(accumulators[n + 5]), Fold(accumulators[n + 6]), Fold(accumulators[n + 7])).StoreUnsafe(ref destination[n]);
        if (n == destination.Length) return;
        Span<Vector256<float>> tail = stackalloc Vector256<float>[8];
        tail.Clear();
        for (int i = n; i < destination.Length; i++) tail[i - n] = Fold(accumulators[i]);
        StoreTail(tail, destination[n..]);
    }

    public static void Reduce(ReadOnlySpan<Vector<float>> accumulators, Span<float> destination)
    {
        if (!Avx.IsSupported || Vector<float>.Count != Vector256<float>.Count)
        {
            for (int i = 0; i < destination.Length; i++) destination[i] = Vector.Sum(accumulators[i]);
            return;
        }
        int n = 0;
        for (; n + 8 <= destination.Length; n += 8)
            Eight(accumulators[n].AsVector256(), accumulators[n + 1].AsVector256(), accumulators[n + 2].AsVector256(), accumulators[n + 3].AsVector256(),
                accumulators[n + 4].AsVector256(), accumulators[n + 5].AsVector256(), accumulators[n + 6].AsVector256(), accumulators[n + 7].AsVector256())
                .StoreUnsafe(ref destination[n]);
        if (n == destination.Length) return;
        Span<Vector256<float>> tail = stackalloc Vector256<float>[8];
        tail.Clear();
        for (int i = n; i < destination.Length; i++) tail[i - n] = accumulators[i].AsVector256();
        StoreTail(tail, destination[n..]);
    }

    private static void StoreTail(ReadOnlySpan<Vector256<float>> v, Span<float> destination)
    {
        var sums = Eight(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        for (int i = 0; i < destination.Length; i++) destination[i] = sums.GetElement(i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fold(Vector512<float> v) => v.GetLower() + v.GetUpper();

    /// <summary>The eight lane sums of v0..v7, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Eight(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
        Vector256<float> v4, Vector256<float> v5, Vector256<float> v6, Vector256<float> v7)
    {
        // hadd works within each 128-bit half: after two levels, half h of q0123 holds [Σh v0, Σh v1, Σh v2, Σh v3].
        var q0123 = Avx.HorizontalAdd(Avx.HorizontalAdd(v0, v1), Avx.HorizontalAdd(v2, v3));
        var q4567 = Avx.HorizontalAdd(Avx.HorizontalAdd(v4, v5), Avx.HorizontalAdd(v6, v7));
        return Avx.Permute2x128(q0123, q4567, 0x20) + Avx.Permute2x128(q0123, q4567, 0x31);
    }
}
