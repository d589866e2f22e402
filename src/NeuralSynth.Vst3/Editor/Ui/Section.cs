using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>A panel with a title: groups controls ("Model", "Generator") and draws behind them.</summary>
internal sealed class Section(string title) : Widget
{
    public override void Draw(SKCanvas canvas, EditorUi ui) => Ink.Panel(canvas, Bounds, title);
}
