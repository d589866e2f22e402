using System.Numerics.Tensors;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// A test-side f0 meter that shares nothing with the product's <c>PitchTracker</c> (which decimates to 16 kHz,
/// runs YIN and repairs octave jumps and medians over frames): normalised cross-correlation at the file's own
/// rate, one window at a time, no memory between windows. The period is the shortest lag whose correlation
/// peak is within 10 % of the best one (a period's multiples correlate as well as the period itself), refined by
/// a parabola through the peak.
/// </summary>
internal static class NccfPitch
{
    public const double MinHz = 60, MaxHz = 1200;
    private const int Window = 1024;

    /// <summary>f0 and correlation peak (0..1, periodicity) of the window centred on <paramref name="center"/>; (0, 0) near the edges.</summary>
    public static (double Hz, double Peak) At(float[] signal, int sampleRate, int center)
    {
        int minLag = (int)(sampleRate / MaxHz), maxLag = (int)Math.Ceiling(sampleRate / MinHz);
        int start = center - (Window + maxLag) / 2;
        if (start < 0 || start + Window + maxLag + 2 > signal.Length) return (0, 0);
        var reference = signal.AsSpan(start, Window);
        double energy = TensorPrimitives.Dot(reference, reference);
        if (energy <= 1e-9) return (0, 0);
        var nccf = new double[maxLag + 2];
        for (int lag = minLag - 1; lag <= maxLag + 1; lag++)
        {
            var shifted = signal.AsSpan(start + lag, Window);
            double shiftedEnergy = TensorPrimitives.Dot(shifted, shifted);
            nccf[lag] = TensorPrimitives.Dot(reference, shifted) / Math.Sqrt(energy * shiftedEnergy + 1e-12);
        }
        double best = 0;
        for (int lag = minLag; lag <= maxLag; lag++) best = Math.Max(best, nccf[lag]);
        for (int lag = minLag; lag <= maxLag; lag++)
        {
            bool peak = nccf[lag] >= nccf[lag - 1] && nccf[lag] >= nccf[lag + 1];
            if (!peak || nccf[lag] < 0.9 * best) continue;
            double a = nccf[lag - 1], b = nccf[lag], c = nccf[lag + 1];
            double denominator = a - 2 * b + c;
            double offset = Math.Abs(denominator) < 1e-12 ? 0 : 0.5 * (a - c) / denominator;
            return (sampleRate / (lag + Math.Clamp(offset, -0.5, 0.5)), b);
        }
        return (0, 0);
    }
}
