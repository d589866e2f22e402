using System.Numerics.Tensors;

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
}
