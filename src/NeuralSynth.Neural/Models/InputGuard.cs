using System.Numerics.Tensors;

namespace NeuralSynth.Neural.Models;

internal static class InputGuard
{
    /// <summary>
    /// Replaces NaN/Inf input samples with silence: a single NaN would otherwise stay in a recurrent model's
    /// state (or a WaveNet's history) and silence the output until the next reset. One vector sum per block
    /// when the input is clean.
    /// </summary>
    public static void SanitizeInPlace(Span<float> samples)
    {
        if (float.IsFinite(TensorPrimitives.Sum(samples))) return;
        foreach (ref float s in samples)
            if (!float.IsFinite(s)) s = 0f;
    }
}
