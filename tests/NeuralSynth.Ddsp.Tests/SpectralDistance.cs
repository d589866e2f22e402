using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// Multi-scale spectral distance as models/ddsp/recipe/losses.py computes it with torch.stft: for each FFT size
/// n in 2048..64, frames every n/4 samples over the signal reflect-padded by n/2 at both ends, periodic Hann
/// window, one-sided magnitudes; the mean |S − S'| plus the mean |log(S + 1e-7) − log(S' + 1e-7)|, summed over
/// sizes. Written again here (not called from the product) so the quality test has its own ruler.
/// </summary>
internal static class SpectralDistance
{
    public static readonly int[] Sizes = [2048, 1024, 512, 256, 128, 64];

    public static double Compute(ReadOnlySpan<float> target, ReadOnlySpan<float> output)
    {
        if (target.Length != output.Length) throw new ArgumentException("signals differ in length");
        double total = 0;
        foreach (int n in Sizes)
        {
            var a = Magnitudes(target, n);
            var b = Magnitudes(output, n);
            double linear = 0, log = 0;
            for (int i = 0; i < a.Length; i++)
            {
                linear += Math.Abs(a[i] - b[i]);
                log += Math.Abs(Math.Log(a[i] + 1e-7) - Math.Log(b[i] + 1e-7));
            }
            total += (linear + log) / a.Length;
        }
        return total;
    }

    private static double[] Magnitudes(ReadOnlySpan<float> x, int n)
    {
        int hop = n / 4, pad = n / 2, frames = 1 + x.Length / hop, bins = n / 2 + 1;
        var fft = new Fft(n);
        var re = new double[n];
        var im = new double[n];
        var result = new double[frames * bins];
        for (int f = 0; f < frames; f++)
        {
            for (int i = 0; i < n; i++)
            {
                int at = f * hop + i - pad;
                if (at < 0) at = -at;                              // reflect, as torch.stft(center=True)
                if (at >= x.Length) at = 2 * (x.Length - 1) - at;
                re[i] = x[at] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n));
                im[i] = 0;
            }
            fft.Forward(re, im);
            for (int k = 0; k < bins; k++) result[f * bins + k] = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
        }
        return result;
    }
}
