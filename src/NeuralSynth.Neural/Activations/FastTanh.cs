using System.Numerics;

namespace NeuralSynth.Neural.Activations;

/// <summary>
/// The rational tanh approximation NeuralAmpModelerCore offers as "fast tanh"; reproduced so that models
/// rendered with that option can be matched. Not used unless asked for: exact tanh is the default.
/// </summary>
public static class FastTanh
{
    private const float A = 2.45550750702956f;
    private const float B = 0.893229853513558f;
    private const float C = 0.821226666969744f;
    private const float D = 2.44506634652299f;
    private const float E = 0.814642734961073f;

    public static float Evaluate(float x)
    {
        float ax = MathF.Abs(x);
        float x2 = x * x;
        return x * (A + A * ax + (B + C * ax) * x2) / (D + (D + x2) * MathF.Abs(x + E * x * ax));
    }

    public static void Apply(Span<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var a = new Vector<float>(A);
            var b = new Vector<float>(B);
            var c = new Vector<float>(C);
            var d = new Vector<float>(D);
            var e = new Vector<float>(E);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(values[i..]);
                var ax = Vector.Abs(x);
                var x2 = x * x;
                var num = x * (a + a * ax + (b + c * ax) * x2);
                var den = d + (d + x2) * Vector.Abs(x + e * x * ax);
                (num / den).CopyTo(values[i..]);
            }
        }
        for (; i < values.Length; i++) values[i] = Evaluate(values[i]);
    }
}
