namespace NeuralSynth.Ddsp.Timbre;

/// <summary>
/// The decoder band-limits its distribution at the training Nyquist; an engine running slower than that
/// (e.g. 8 kHz) must also fade harmonics near its own Nyquist, exactly as ParametricTimbre does (fade from
/// 80% to 95%), or they alias.
/// </summary>
internal static class HarmonicLimiter
{
    public static void Apply(Span<float> amplitudes, float f0, double sampleRate)
    {
        double nyquist = sampleRate / 2, fadeStart = 0.8 * nyquist, fadeEnd = 0.95 * nyquist;
        for (int k = amplitudes.Length - 1; k >= 0; k--)
        {
            double frequency = (k + 1) * (double)f0;
            if (frequency <= fadeStart) break;
            amplitudes[k] *= frequency >= fadeEnd ? 0f : (float)((fadeEnd - frequency) / (fadeEnd - fadeStart));
        }
    }
}
