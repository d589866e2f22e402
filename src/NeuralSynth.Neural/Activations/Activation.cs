using System.Numerics.Tensors;

namespace NeuralSynth.Neural.Activations;

/// <summary>
/// Applies an <see cref="ActivationKind"/> in place over a span: tanh and fast tanh by this runtime's own vector
/// kernels, sigmoid, ReLU and hard tanh by TensorPrimitives, the rest (LeakyReLU, SiLU, hard swish, ...) by plain
/// scalar loops.
/// </summary>
internal static class Activation
{
    /// <summary>Slope NeuralAmpModelerCore and PyTorch use for LeakyReLU by default.</summary>
    public const float LeakySlope = 0.01f;

    public static void Apply(ActivationKind kind, Span<float> values)
    {
        switch (kind)
        {
            case ActivationKind.Identity:
                break;
            case ActivationKind.Tanh:
                VectorTanh.Apply(values);
                break;
            case ActivationKind.FastTanh:
                FastTanh.Apply(values);
                break;
            case ActivationKind.Sigmoid:
                TensorPrimitives.Sigmoid(values, values);
                break;
            case ActivationKind.ReLU:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case ActivationKind.LeakyReLU:
                // max(x, a*x) equals leaky ReLU for 0 < a < 1.
                for (int i = 0; i < values.Length; i++) values[i] = MathF.Max(values[i], LeakySlope * values[i]);
                break;
            case ActivationKind.HardTanh:
                TensorPrimitives.Clamp(values, -1f, 1f, values);
                break;
            case ActivationKind.SiLU:
                for (int i = 0; i < values.Length; i++) values[i] = values[i] / (1f + MathF.Exp(-values[i]));
                break;
            case ActivationKind.HardSwish:
                for (int i = 0; i < values.Length; i++)
                    values[i] = values[i] * Math.Clamp(values[i] + 3f, 0f, 6f) / 6f;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>Scalar form, for per-sample recurrent cells.</summary>
    public static float Apply(ActivationKind kind, float x) => kind switch
    {
        ActivationKind.Identity => x,
        ActivationKind.Tanh => MathF.Tanh(x),
        ActivationKind.FastTanh => FastTanh.Evaluate(x),
        ActivationKind.Sigmoid => 1f / (1f + MathF.Exp(-x)),
        ActivationKind.ReLU => MathF.Max(x, 0f),
        ActivationKind.LeakyReLU => MathF.Max(x, LeakySlope * x),
        ActivationKind.HardTanh => Math.Clamp(x, -1f, 1f),
        ActivationKind.SiLU => x / (1f + MathF.Exp(-x)),
        ActivationKind.HardSwish => x * Math.Clamp(x + 3f, 0f, 6f) / 6f,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Maps a .nam activation name (e.g. "Tanh", "Hardtanh") to a kind; null when unknown.</summary>
    public static ActivationKind? FromNamName(string name) => name switch
    {
        "Tanh" => ActivationKind.Tanh,
        "Fasttanh" => ActivationKind.FastTanh,
        "Sigmoid" => ActivationKind.Sigmoid,
        "ReLU" => ActivationKind.ReLU,
        "LeakyReLU" => ActivationKind.LeakyReLU,
        "Hardtanh" => ActivationKind.HardTanh,
        "SiLU" or "Swish" => ActivationKind.SiLU,
        "Hardswish" => ActivationKind.HardSwish,
        "Identity" or "Linear" => ActivationKind.Identity,
        _ => null,
    };
}
