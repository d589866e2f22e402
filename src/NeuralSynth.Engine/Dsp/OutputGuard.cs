using System.Numerics;

namespace NeuralSynth.Engine.Dsp;

/// <summary>Last line of defence on every output: NaN and ±Inf become silence, denormals become zero.</summary>
public static class OutputGuard
{
    private const float SmallestNormalToKeep = 1e-30f;

    /// <summary>Sanitizes in place and returns how many non-finite samples were replaced.</summary>
    public static int Sanitize(Span<float> samples)
    {
        int replaced = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var tiny = new Vector<float>(SmallestNormalToKeep);
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = new Vector<float>(samples.Slice(i));
                // x - x is 0 for finite values and NaN for NaN/Inf; NaN never compares equal.
                Vector<int> finite = Vector.Equals(x - x, Vector<float>.Zero);
                Vector<int> keep = finite & Vector.GreaterThanOrEqual(Vector.Abs(x), tiny);
                if (keep == Vector<int>.AllBitsSet) continue;
                if (finite != Vector<int>.AllBitsSet) replaced += Vector.Sum(finite + Vector<int>.One);
                Vector.ConditionalSelect(keep, x, Vector<float>.Zero).CopyTo(samples.Slice(i));
            }
        }
        for (; i < samples.Length; i++)
        {
            float x = samples[i];
            if (!float.IsFinite(x)) { samples[i] = 0f; replaced++; }
            else if (Math.Abs(x) < SmallestNormalToKeep) samples[i] = 0f;
        }
        return replaced;
    }
}
