using SkiaSharp;

namespace NeuralSynth.Vst3.Tests.Editor;

/// <summary>Per-pixel comparison with a tolerance: antialiasing may differ by a few levels, a moved control may not.</summary>
internal static class ImageCompare
{
    /// <summary>Pixels whose largest channel difference exceeds <paramref name="channelTolerance"/>.</summary>
    public static int DifferingPixels(SKBitmap a, SKBitmap b, int channelTolerance)
    {
        if (a.Width != b.Width || a.Height != b.Height) return int.MaxValue;
        int differing = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                SKColor p = a.GetPixel(x, y), q = b.GetPixel(x, y);
                int d = Math.Max(Math.Max(Math.Abs(p.Red - q.Red), Math.Abs(p.Green - q.Green)), Math.Max(Math.Abs(p.Blue - q.Blue), Math.Abs(p.Alpha - q.Alpha)));
                if (d > channelTolerance) differing++;
            }
        return differing;
    }

    public static void SavePng(SKBitmap bitmap, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
