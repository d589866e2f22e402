namespace NeuralSynth.Rave.Tests;

/// <summary>
/// YIN pitch tracker (de Cheveigné &amp; Kawahara 2002) for the quality tests: the oracle for "the output plays the
/// input's pitch", independent of the model. The same settings as the recipe's evaluate.py: 1600-sample window,
/// 60–1500 Hz, threshold 0.15 on the cumulative-mean-normalised difference, parabolic refinement, and frames
/// quieter than the clip's 95th-percentile level − 40 dB (or −70 dBFS) count as unvoiced.
/// </summary>
internal static class Yin
{
    public readonly record struct Frame(double Hz, bool Voiced);

    public static Frame[] Track(ReadOnlySpan<float> x, int sampleRate = 48000, int hop = 480, int window = 1600,
                                double lowestHz = 60, double highestHz = 1500, double threshold = 0.15)
    {
        int tauMax = (int)(sampleRate / lowestHz), tauMin = (int)(sampleRate / highestHz);
        int count = Math.Max(0, (x.Length - window - tauMax) / hop);
        var frames = new Frame[count];
        var rms = new double[count];
        var difference = new double[tauMax + 1];
        var normalised = new double[tauMax + 1];
        for (int f = 0; f < count; f++)
        {
            var seg = x.Slice(f * hop, window + tauMax);
            double energy = 0;
            for (int j = 0; j < window; j++) energy += (double)seg[j] * seg[j];
            rms[f] = Math.Sqrt(energy / window);
            for (int tau = 1; tau <= tauMax; tau++)
            {
                double d = 0;
                for (int j = 0; j < window; j++)
                {
                    double e = seg[j] - seg[j + tau];
                    d += e * e;
                }
                difference[tau] = d;
            }
            double running = 0;
            normalised[0] = 1;
            for (int tau = 1; tau <= tauMax; tau++)
            {
                running += difference[tau];
                normalised[tau] = running > 1e-12 ? difference[tau] * tau / running : 1;
            }
            int t = tauMin;
            while (t <= tauMax && normalised[t] >= threshold) t++;
            if (t > tauMax) continue;
            while (t + 1 <= tauMax && normalised[t + 1] < normalised[t]) t++;
            double lag = t;
            if (t >= 1 && t < tauMax)
            {
                double y0 = normalised[t - 1], y1 = normalised[t], y2 = normalised[t + 1], den = y0 - 2 * y1 + y2;
                if (Math.Abs(den) > 1e-12) lag += 0.5 * (y0 - y2) / den;
            }
            frames[f] = new Frame(sampleRate / lag, true);
        }
        double loudest = Percentile(rms, 0.95);
        for (int f = 0; f < count; f++)
        {
            double level = 20 * Math.Log10(rms[f] + 1e-12);
            bool loud = level > 20 * Math.Log10(loudest + 1e-12) - 40 && level > -70;
            if (!loud) frames[f] = default;
        }
        return frames;
    }

    /// <summary>
    /// How far <paramref name="b"/> is shifted from <paramref name="a"/>: the median of 1200·log2(b/a) over frames
    /// voiced in both (signed; a transposition's shift, robust to frames where either wobbles), and the share of
    /// <paramref name="a"/>'s voiced frames that are voiced in both.
    /// </summary>
    public static (double MedianShiftCents, double VoicedShare) Shift(Frame[] a, Frame[] b) => MedianCents(a, b, signed: true);

    /// <summary>Median |f0 error| in cents over frames voiced in both, and the share of the input's voiced frames
    /// that are voiced in the output.</summary>
    public static (double MedianCents, double VoicedShare) Compare(Frame[] input, Frame[] output) => MedianCents(input, output, signed: false);

    private static (double Median, double VoicedShare) MedianCents(Frame[] reference, Frame[] other, bool signed)
    {
        var cents = new List<double>();
        int voiced = 0;
        for (int f = 0; f < Math.Min(reference.Length, other.Length); f++)
        {
            if (!reference[f].Voiced) continue;
            voiced++;
            if (!other[f].Voiced) continue;
            double c = 1200 * Math.Log2(other[f].Hz / reference[f].Hz);
            cents.Add(signed ? c : Math.Abs(c));
        }
        return (cents.Count == 0 ? double.NaN : Percentile(cents.ToArray(), 0.5), cents.Count / (double)Math.Max(1, voiced));
    }

    /// <summary>Linear-interpolated percentile (numpy's default).</summary>
    private static double Percentile(double[] values, double q)
    {
        if (values.Length == 0) return 0;
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
