using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;

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
        if (Kernels.SimdWidth.Use512) i = ApplyVectors<Float512, Vector512<float>>(ref start, i, values.Length);
        if (Vector256.IsHardwareAccelerated) i = ApplyVectors<Float256, Vector256<float>>(ref start, i, values.Length);
        for (; i < values.Length; i++) values[i] = Evaluate(values[i]);
    }

    /// <summary>Whole vectors from <paramref name="i"/> on; returns where the scalar tail starts.</summary>
    private static int ApplyVectors<TOps, TVector>(ref float start, int i, int length)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        for (; i <= length - TOps.Count; i += TOps.Count)
            TOps.Store(VectorGates.FastTanh<TOps, TVector>(TOps.Load(ref start, (nuint)i)), ref start, (nuint)i);
        return i;
    }
}
