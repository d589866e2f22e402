using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>A panel with a title: groups controls ("Model", "Generator") and draws behind them.</summary>
internal sealed class Section(string title, string? detail = null) : Widget
{
    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        Ink.Panel(canvas, Bounds, title);
        if (detail != null)
            Ink.Text(canvas, detail, Bounds.Right - 12, Bounds.Top + 18, Theme.ValueSize, Theme.TextDim, SKTextAlign.Right, Bounds.Width * 0.6f);
    }
}
