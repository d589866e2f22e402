using NeuralSynth.Engine.Imaging;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Api;

/// <summary>
/// Piano-roll PNG of a score: time left→right on the 1/16 grid, pitch bottom→top over the used range (±2),
/// bar lines, shaded black-key rows, out-of-key notes in red when a key is given (a visual check of the mask);
/// brighter notes are louder (velocity), so the composer's dynamics show.
/// </summary>
internal static class PianoRoll
{
    public static void WritePng(string path, Score score, int pixelsPerStep = 6, int pixelsPerPitch = 4, Key? key = null)
    {
        int steps = Math.Max(score.LengthSteps, score.Meter.StepsPerBar());
        int low = score.Notes.Count == 0 ? 60 : score.Notes.Min(n => n.Pitch) - 2;
        int high = score.Notes.Count == 0 ? 72 : score.Notes.Max(n => n.Pitch) + 2;
        int width = Math.Min(steps * pixelsPerStep, 16384);
        int height = (high - low + 1) * pixelsPerPitch;
        var rgb = new byte[width * height * 3];

        for (int pitch = low; pitch <= high; pitch++)
        {
            bool black = (pitch % 12) is 1 or 3 or 6 or 8 or 10;
            byte shade = black ? (byte)30 : (byte)42;
            Fill(rgb, width, height, 0, Row(pitch, high, pixelsPerPitch), width, pixelsPerPitch, shade, shade, shade);
        }
        int spb = score.Meter.StepsPerBar();
        for (int bar = 0; bar * spb * pixelsPerStep < width; bar++)
            Fill(rgb, width, height, bar * spb * pixelsPerStep, 0, 1, height, 90, 90, 90);
        foreach (var n in score.Notes)
        {
            bool outOfKey = key is { } k && !k.Contains(n.Pitch);
            double loud = Math.Clamp((n.Velocity - 40) / 87.0, 0, 1); // velocity 40 → dim, 127 → full
            var (r, g, b) = outOfKey ? ((byte)230, (byte)40, (byte)40)
                : ((byte)(40 + 120 * loud), (byte)(70 + 170 * loud), (byte)(110 + 145 * loud));
            int x = n.Start * pixelsPerStep;
            int w = Math.Max(1, n.Duration * pixelsPerStep - 1);
            Fill(rgb, width, height, x, Row(n.Pitch, high, pixelsPerPitch), w, Math.Max(1, pixelsPerPitch - 1), r, g, b);
        }
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        PngWriter.Write(path, width, height, rgb);
    }

    private static int Row(int pitch, int high, int pixelsPerPitch) => (high - pitch) * pixelsPerPitch;

    private static void Fill(byte[] rgb, int width, int height, int x0, int y0, int w, int h, byte r, byte g, byte b)
    {
        for (int y = Math.Max(0, y0); y < Math.Min(height, y0 + h); y++)
        {
            for (int x = Math.Max(0, x0); x < Math.Min(width, x0 + w); x++)
            {
                int i = (y * width + x) * 3;
                rgb[i] = r;
                rgb[i + 1] = g;
                rgb[i + 2] = b;
            }
        }
    }
}
