using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>Drawing helpers shared by the widgets: paints, text that fits, panels.</summary>
internal static class Ink
{
    public static SKPaint Fill(SKColor color) => new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };

    public static SKPaint Stroke(SKColor color, float width) =>
        new() { Color = color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round };

    public static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor color, SKTextAlign align = SKTextAlign.Left, float maxWidth = float.MaxValue)
    {
        using var font = EditorFont.Create(size);
        using var paint = Fill(color);
        canvas.DrawText(Fit(text, font, maxWidth), x, y, align, font, paint);
    }

    /// <summary>The text, shortened with an ellipsis until it fits <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, SKFont font, float maxWidth)
    {
        if (maxWidth >= float.MaxValue / 2 || font.MeasureText(text) <= maxWidth) return text;
        int length = text.Length;
        while (length > 1 && font.MeasureText(text.AsSpan(0, length - 1).ToString() + "…") > maxWidth) length--;
        return text[..Math.Max(0, length - 1)] + "…";
    }

    /// <summary>Splits text into lines no wider than <paramref name="maxWidth"/> (at spaces), at most <paramref name="maxLines"/>.</summary>
    public static List<string> Wrap(string text, float size, float maxWidth, int maxLines)
    {
        using var font = EditorFont.Create(size);
        var lines = new List<string>();
        string line = "";
        foreach (string word in text.Split(' '))
        {
            string candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= maxWidth || line.Length == 0) line = candidate;
            else
            {
                lines.Add(line);
                line = word;
            }
        }
        if (line.Length > 0) lines.Add(line);
        if (lines.Count > maxLines)
        {
            lines.RemoveRange(maxLines, lines.Count - maxLines);
            lines[^1] = Fit(lines[^1] + " …", font, maxWidth);
        }
        return lines;
    }

    public static void Panel(SKCanvas canvas, SKRect rect, string? title = null)
    {
        using var fill = Fill(Theme.Panel);
        using var edge = Stroke(Theme.PanelEdge, 1f);
        canvas.DrawRoundRect(rect, 8, 8, fill);
        canvas.DrawRoundRect(rect, 8, 8, edge);
        if (title != null) Text(canvas, title.ToUpperInvariant(), rect.Left + 12, rect.Top + 18, Theme.ValueSize, Theme.TextDim);
    }
}
