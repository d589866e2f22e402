using System.Numerics.Tensors;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// DDSP's exp_sigmoid, 2·sigmoid(x)^ln10 + 1e-7, in place over a block, as sigmoid → log → scale → exp so the
/// whole voice batch goes through four vectorized passes (a scalar MathF.Pow per element would cost more than
/// the head layer's matrix product).
/// </summary>
internal static class ExpSigmoid
{
    public static void Apply(Span<float> values)
    {
        TensorPrimitives.Sigmoid(values, values);
        TensorPrimitives.Log(values, values);
        TensorPrimitives.Multiply(values, DecoderRecipe.ExpSigmoidExponent, values);
        TensorPrimitives.Exp(values, values);
        TensorPrimitives.Multiply(values, DecoderRecipe.ExpSigmoidScale, values);
        TensorPrimitives.Add(values, DecoderRecipe.ExpSigmoidFloor, values);
    }
}
