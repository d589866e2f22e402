namespace NeuralSynth.Neural.Tests;

internal static class Esr
{
    /// <summary>Error-to-signal ratio sum((y - ref)^2) / sum(ref^2), accumulated in double.</summary>
    public static double Compute(ReadOnlySpan<float> actual, ReadOnlySpan<float> reference)
    {
        if (actual.Length != reference.Length) throw new ArgumentException("length mismatch");
        double error = 0, energy = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double d = actual[i] - (double)reference[i];
            error += d * d;
            energy += (double)reference[i] * reference[i];
        }
        return error / Math.Max(energy, 1e-30);
    }
}
