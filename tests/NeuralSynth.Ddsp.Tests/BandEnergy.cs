using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>
/// Energy of a frequency band relative to the whole signal, in dB: the issue #15 brightness measure ("8–16 kHz
/// energy relative to the total"). Welch average of Hann-windowed power spectra (4096 points, half overlap),
/// the same definition as models/ddsp/recipe/evaluate.py's band_energy_db.
/// </summary>
internal static class BandEnergy
{
    public const int FrameSize = 4096;

    public static double RelativeDb(ReadOnlySpan<float> audio, double sampleRate, double lowHz, double highHz)
    {
        var fft = new Fft(FrameSize);
        var magnitudes = new double[FrameSize / 2 + 1];
        double band = 0, total = 0;
        for (int start = 0; start + FrameSize <= audio.Length; start += FrameSize / 2)
        {
            fft.Magnitudes(audio.Slice(start, FrameSize), magnitudes);
            for (int k = 0; k <= FrameSize / 2; k++)
            {
                double power = magnitudes[k] * magnitudes[k];
                double hz = k * sampleRate / FrameSize;
                total += power;
                if (hz >= lowHz && hz < highHz) band += power;
            }
        }
        return 10 * Math.Log10(Math.Max(band, 1e-30) / Math.Max(total, 1e-30));
    }
}
