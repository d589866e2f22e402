using System.Numerics.Tensors;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// The element-wise half of one ONNX GRU step with linear_before_reset = 1 (what PyTorch exports), gate order
/// z, r, h in both projections:
/// <c>z = σ(x·Wzᵀ + bWz + h·Rzᵀ + bRz); r = σ(x·Wrᵀ + bWr + h·Rrᵀ + bRr);
/// ĥ = tanh(x·Whᵀ + bWh + r ⊙ (h·Rhᵀ + bRh)); h' = (1 − z) ⊙ ĥ + z ⊙ h</c>.
/// The two projections come from <see cref="BatchGemm"/> (biases included); this combines them per voice.
/// </summary>
internal static class GruGates
{
    /// <param name="fromInput">[rows × 3H] x·Wᵀ + bW; overwritten.</param>
    /// <param name="fromHidden">[rows × 3H] h·Rᵀ + bR; overwritten.</param>
    /// <param name="previous">[rows × previousStride] h.</param>
    /// <param name="next">[rows × nextStride] receives h'.</param>
    public static void Combine(Span<float> fromInput, Span<float> fromHidden, int gateStride, ReadOnlySpan<float> previous, int previousStride,
        Span<float> next, int nextStride, int hidden, int rows)
    {
        for (int row = 0; row < rows; row++)
        {
            var gx = fromInput.Slice(row * gateStride, 3 * hidden);
            var gh = fromHidden.Slice(row * gateStride, 3 * hidden);
            var zr = gx[..(2 * hidden)];
            TensorPrimitives.Add(zr, gh[..(2 * hidden)], zr);
            TensorPrimitives.Sigmoid(zr, zr);
            var z = gx[..hidden];
            var r = gx.Slice(hidden, hidden);
            var candidate = gx.Slice(2 * hidden, hidden);
            TensorPrimitives.MultiplyAdd(r, gh.Slice(2 * hidden, hidden), candidate, candidate);
            TensorPrimitives.Tanh(candidate, candidate);
            // h' = ĥ + z ⊙ (h − ĥ), the same function with one product fewer.
            var difference = gh[..hidden];
            TensorPrimitives.Subtract(previous.Slice(row * previousStride, hidden), candidate, difference);
            TensorPrimitives.MultiplyAdd(z, difference, candidate, next.Slice(row * nextStride, hidden));
        }
    }
}
