using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

    /// <summary>NeuralAmpModelerCore's <c>fast_sigmoid</c>: (fast_tanh(x/2) + 1)/2.</summary>
    public static float Sigmoid(float x) => 0.5f * (Evaluate(x * 0.5f) + 1f);

    public static void Apply(Span<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Kernels.SimdWidth.Use512)
        {
            for (; i <= values.Length - Vector512<float>.Count; i += Vector512<float>.Count)
                VectorGates.FastTanh(Vector512.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
        }
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                VectorGates.FastTanh(Vector256.LoadUnsafe(ref start, (nuint)i)).StoreUnsafe(ref start, (nuint)i);
        }
        for (; i < values.Length; i++) values[i] = Evaluate(values[i]);
    }
}
