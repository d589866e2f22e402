using System.Numerics;
using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// An activation as a .nam file (format 0.6+) configures it: a plain name ("Tanh") or an object with
/// parameters (<c>{"type": "LeakyReLU", "negative_slope": 0.02}</c>, PReLU's per-channel slopes, LeakyHardtanh's
/// knees). Applied in place to channel-major rows, so per-channel parameters are per row.
/// </summary>
public sealed class NamActivation
{
    private readonly float[] _slopes;

    private NamActivation(NamActivationShape shape, ActivationKind kind, float[] slopes,
        float minValue = -1f, float maxValue = 1f, float minSlope = 0.01f, float maxSlope = 0.01f)
    {
        Shape = shape;
        Kind = kind;
        _slopes = slopes;
        MinValue = minValue;
        MaxValue = maxValue;
        MinSlope = minSlope;
        MaxSlope = maxSlope;
    }

    public NamActivationShape Shape { get; }

    /// <summary>The engine activation used when <see cref="Shape"/> is Standard.</summary>
    public ActivationKind Kind { get; }

    public float MinValue { get; }
    public float MaxValue { get; }
    public float MinSlope { get; }
    public float MaxSlope { get; }

    /// <summary>Negative slopes: one for LeakyReLU (and a shared PReLU), else one per channel.</summary>
    public IReadOnlyList<float> Slopes => _slopes;

    public static NamActivation Identity { get; } = Standard(ActivationKind.Identity);

    public static NamActivation Standard(ActivationKind kind) => new(NamActivationShape.Standard, kind, []);

    /// <summary>x for x &gt; 0, else slope·x (NAM's default slope is 0.01).</summary>
    public static NamActivation LeakyReLU(float slope) => new(NamActivationShape.LeakyReLU, ActivationKind.LeakyReLU, [slope]);

    /// <summary>Leaky ReLU with one slope per channel (or one shared slope).</summary>
    public static NamActivation PReLU(float[] slopes) => new(NamActivationShape.PReLU, ActivationKind.LeakyReLU, slopes);

    /// <summary>Identity between the knees, a line of the given slope outside them.</summary>
    public static NamActivation LeakyHardTanh(float minValue, float maxValue, float minSlope, float maxSlope) =>
        new(NamActivationShape.LeakyHardTanh, ActivationKind.HardTanh, [], minValue, maxValue, minSlope, maxSlope);

    /// <summary>x / (1 + |x|).</summary>
    public static NamActivation Softsign { get; } = new(NamActivationShape.Softsign, ActivationKind.Identity, []);

    /// <summary>True when this activation is exact tanh (the one a model's UseFastTanh may replace).</summary>
    public bool IsTanh => Shape == NamActivationShape.Standard && Kind == ActivationKind.Tanh;

    /// <summary>Applies in place to <paramref name="rows"/> rows of <paramref name="columns"/> values.</summary>
    public void Apply(float[] data, int offset, int rows, int rowStride, int columns, bool fastTanh = false)
    {
        for (int r = 0; r < rows; r++)
        {
            var row = data.AsSpan(offset + r * rowStride, columns);
            switch (Shape)
            {
                case NamActivationShape.Standard:
                    Activation.Apply(fastTanh && Kind == ActivationKind.Tanh ? ActivationKind.FastTanh : Kind, row);
                    break;
                case NamActivationShape.LeakyReLU:
                case NamActivationShape.PReLU:
                    ApplyLeaky(row, _slopes.Length == 1 ? _slopes[0] : _slopes[r]);
                    break;
                case NamActivationShape.LeakyHardTanh:
                    for (int i = 0; i < row.Length; i++)
                    {
                        float x = row[i];
                        row[i] = x < MinValue ? (x - MinValue) * MinSlope + MinValue
                            : x > MaxValue ? (x - MaxValue) * MaxSlope + MaxValue
                            : x;
                    }
                    break;
                case NamActivationShape.Softsign:
                    for (int i = 0; i < row.Length; i++) row[i] = row[i] / (1f + MathF.Abs(row[i]));
                    break;
            }
        }
    }

    private static void ApplyLeaky(Span<float> row, float slope)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(slope);
            for (; i + Vector<float>.Count <= row.Length; i += Vector<float>.Count)
            {
                var x = new Vector<float>(row[i..]);
                Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * s).CopyTo(row[i..]);
            }
        }
        for (; i < row.Length; i++) row[i] = row[i] > 0f ? row[i] : slope * row[i];
    }
}
