namespace NeuralSynth.Engine.Imaging;

/// <summary>One note for drawing: times in seconds, velocity 0..1.</summary>
public readonly record struct PianoRollNote(double StartSeconds, double EndSeconds, int Pitch, float Velocity);

/// <summary>Draws notes as a piano roll PNG: time left to right, pitch bottom to top, brightness = velocity.</summary>
public static class PianoRoll
{
    private const int PixelsPerSecond = 60;
    private const int RowHeight = 6;
    private const int MaxWidth = 4000;

    public static void WritePng(IReadOnlyList<PianoRollNote> notes, string path)
    {
        if (notes.Count == 0) throw new InvalidInputException("no notes to draw in the piano roll");
        int low = Math.Max(0, notes.Min(n => n.Pitch) - 2), high = Math.Min(127, notes.Max(n => n.Pitch) + 2);
        double end = notes.Max(n => n.EndSeconds);
        double pixelsPerSecond = Math.Min(PixelsPerSecond, MaxWidth / Math.Max(end, 1e-3));
        int width = Math.Max(16, (int)Math.Ceiling(end * pixelsPerSecond) + 1);
        int rows = high - low + 1;
        int height = rows * RowHeight;
        var rgb = new byte[width * height * 3];

        for (int row = 0; row < rows; row++)
        {
            int pitch = high - row;
            bool black = (pitch % 12) is 1 or 3 or 6 or 8 or 10;
            byte shade = black ? (byte)24 : (byte)34;
            for (int y = row * RowHeight; y < (row + 1) * RowHeight; y++)
                for (int x = 0; x < width; x++)
                    Set(rgb, width, x, y, shade, shade, (byte)(shade + 6));
        }
        foreach (var note in notes)
        {
            int row = high - note.Pitch;
            int x0 = (int)(note.StartSeconds * pixelsPerSecond), x1 = Math.Max(x0 + 1, (int)(note.EndSeconds * pixelsPerSecond));
            float v = Math.Clamp(note.Velocity, 0.1f, 1f);
            for (int y = row * RowHeight + 1; y < (row + 1) * RowHeight - 1; y++)
                for (int x = x0; x < Math.Min(x1, width); x++)
                    Set(rgb, width, x, y, (byte)(255 * v), (byte)(120 + 100 * v), 40);
        }
        PngWriter.Write(path, width, height, rgb);
    }

    private static void Set(byte[] rgb, int width, int x, int y, byte r, byte g, byte b)
    {
        int offset = (y * width + x) * 3;
        rgb[offset] = r;
        rgb[offset + 1] = g;
        rgb[offset + 2] = b;
    }
}
