using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Engine.Imaging;

/// <summary>Renders a log-frequency, dB-scaled spectrogram of mono audio to PNG.</summary>
public static class Spectrogram
{
    private const int FftSize = 2048;
    private const int Height = 400;
    private const int MaxWidth = 1600;

    public static void WritePng(float[] mono, int sampleRate, string path)
    {
        int hop = Math.Max(256, (int)Math.Ceiling((double)Math.Max(1, mono.Length - FftSize) / MaxWidth));
        int width = Math.Max(1, (mono.Length - FftSize) / hop + 1);
        var fft = new Fft(FftSize);
        var magnitudes = new double[FftSize / 2 + 1];
        var frame = new float[FftSize];
        var rgb = new byte[width * Height * 3];
        double minHz = 30, maxHz = Math.Min(20000, sampleRate / 2.0);

        for (int x = 0; x < width; x++)
        {
            Array.Clear(frame);
            int start = x * hop;
            int count = Math.Min(FftSize, mono.Length - start);
            if (count > 0) mono.AsSpan(start, count).CopyTo(frame);
            fft.Magnitudes(frame, magnitudes);
            for (int y = 0; y < Height; y++)
            {
                double hz = minHz * Math.Pow(maxHz / minHz, 1.0 - (double)y / (Height - 1));
                double bin = hz * FftSize / sampleRate;
                int b = Math.Clamp((int)bin, 0, magnitudes.Length - 2);
                double frac = bin - b;
                double magnitude = magnitudes[b] * (1 - frac) + magnitudes[b + 1] * frac;
                double db = 20 * Math.Log10(magnitude / (FftSize / 4.0) + 1e-9);
                double level = Math.Clamp((db + 90) / 90, 0, 1);
                var (r, g, bl) = Colour(level);
                int offset = (y * width + x) * 3;
                rgb[offset] = r;
                rgb[offset + 1] = g;
                rgb[offset + 2] = bl;
            }
        }
        PngWriter.Write(path, width, Height, rgb);
    }

    /// <summary>A perceptually ordered dark-blue → magenta → yellow ramp.</summary>
    private static (byte, byte, byte) Colour(double t)
    {
        double r = Math.Clamp(1.6 * t - 0.1, 0, 1);
        double g = Math.Clamp(1.8 * t * t, 0, 1);
        double b = Math.Clamp(0.4 + 1.2 * t - 2.0 * t * t + 0.6 * t * t * t, 0, 1);
        return ((byte)(r * 255), (byte)(g * 255), (byte)(b * 255));
    }
}
