using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// The element-wise half of one ONNX GRU step with linear_before_reset = 1 (what PyTorch exports):
/// <c>z = σ(x·Wzᵀ + bWz + h·Rzᵀ + bRz); r = σ(x·Wrᵀ + bWr + h·Rrᵀ + bRr);
/// ĥ = tanh(x·Whᵀ + bWh + r ⊙ (h·Rhᵀ + bRh)); h' = (1 − z) ⊙ ĥ + z ⊙ h</c>.
/// Each gate's projections come from <see cref="BatchGemm"/> as their own [rows × H] blocks (biases included),
/// so every step here is one vectorized pass over the whole voice batch rather than one call per voice.
/// </summary>
internal static class GruGates
{
    /// <param name="z">[rows·H] x·Wzᵀ + bWz; becomes z.</param>
    /// <param name="hiddenZ">[rows·H] h·Rzᵀ + bRz.</param>
    /// <param name="r">[rows·H] x·Wrᵀ + bWr; becomes r.</param>
    /// <param name="hiddenR">[rows·H] h·Rrᵀ + bRr.</param>
    /// <param name="candidate">[rows·H] x·Whᵀ + bWh; becomes ĥ.</param>
    /// <param name="hiddenCandidate">[rows·H] h·Rhᵀ + bRh; used as scratch.</param>
    /// <param name="previous">[rows·H] h.</param>
    /// <param name="next">[rows·H] receives h'.</param>
    public static void Combine(Span<float> z, ReadOnlySpan<float> hiddenZ, Span<float> r, ReadOnlySpan<float> hiddenR,
        Span<float> candidate, Span<float> hiddenCandidate, ReadOnlySpan<float> previous, Span<float> next)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Combine512(z, hiddenZ, r, hiddenR, candidate, hiddenCandidate, previous, next);
            return;
        }
        TensorPrimitives.Add(z, hiddenZ, z);
        TensorPrimitives.Sigmoid(z, z);
        TensorPrimitives.Add(r, hiddenR, r);
        TensorPrimitives.Sigmoid(r, r);
        TensorPrimitives.MultiplyAdd(r, hiddenCandidate, candidate, candidate);
        TensorPrimitives.Tanh(candidate, candidate);
        // h' = ĥ + z ⊙ (h − ĥ): the same function with one product fewer.
        TensorPrimitives.Subtract(previous, candidate, hiddenCandidate);
        TensorPrimitives.MultiplyAdd(z, hiddenCandidate, candidate, next);
    }

    /// <summary>All of the above in one pass, 16 elements at a time.</summary>
    private static void Combine512(Span<float> z, ReadOnlySpan<float> hiddenZ, Span<float> r, ReadOnlySpan<float> hiddenR,
        Span<float> candidate, Span<float> hiddenCandidate, ReadOnlySpan<float> previous, Span<float> next)
    {
        int n = z.Length;
        if (hiddenZ.Length < n || r.Length < n || hiddenR.Length < n || candidate.Length < n || hiddenCandidate.Length < n || previous.Length < n || next.Length < n)
            throw new ArgumentException("gate blocks differ in length");
        ref float zx = ref MemoryMarshal.GetReference(z);
        ref float zh = ref MemoryMarshal.GetReference(hiddenZ);
        ref float rx = ref MemoryMarshal.GetReference(r);
        ref float rh = ref MemoryMarshal.GetReference(hiddenR);
        ref float cx = ref MemoryMarshal.GetReference(candidate);
        ref float ch = ref MemoryMarshal.GetReference(hiddenCandidate);
        ref float h = ref MemoryMarshal.GetReference(previous);
        ref float o = ref MemoryMarshal.GetReference(next);
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            nuint k = (nuint)i;
            var zv = VectorMath512.Sigmoid(Vector512.LoadUnsafe(ref zx, k) + Vector512.LoadUnsafe(ref zh, k));
            var rv = VectorMath512.Sigmoid(Vector512.LoadUnsafe(ref rx, k) + Vector512.LoadUnsafe(ref rh, k));
            var cv = VectorMath512.Tanh(Vector512.FusedMultiplyAdd(rv, Vector512.LoadUnsafe(ref ch, k), Vector512.LoadUnsafe(ref cx, k)));
            Vector512.FusedMultiplyAdd(zv, Vector512.LoadUnsafe(ref h, k) - cv, cv).StoreUnsafe(ref o, k);
        }
        for (; i < n; i++)
        {
            float zs = 1f / (1f + MathF.Exp(-(z[i] + hiddenZ[i])));
            float rs = 1f / (1f + MathF.Exp(-(r[i] + hiddenR[i])));
            float c = MathF.Tanh(candidate[i] + rs * hiddenCandidate[i]);
            next[i] = c + zs * (previous[i] - c);
        }
    }
}
