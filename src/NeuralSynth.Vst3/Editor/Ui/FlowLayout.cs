using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>Places equal-sized items left to right, wrapping at the area's right edge: layouts stay usable at any window size.</summary>
internal static class FlowLayout
{
    /// <summary>Sets each widget's bounds; returns the bottom of the last row.</summary>
    public static float Place(IReadOnlyList<Widget> items, SKRect area, float itemWidth, float itemHeight, float gap = 10f)
    {
        float x = area.Left, y = area.Top;
        foreach (var item in items)
        {
            if (x + itemWidth > area.Right + 0.5f && x > area.Left)
            {
                x = area.Left;
                y += itemHeight + gap;
            }
            item.Bounds = new SKRect(x, y, x + itemWidth, y + itemHeight);
            x += itemWidth + gap;
        }
        return items.Count == 0 ? area.Top : y + itemHeight;
    }
}
