using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>A line of explanatory text inside a section ("Choose a model above to get its knobs").</summary>
internal sealed class Note(string text, SKColor? color = null) : Widget
{
    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        float y = Bounds.Top + 14;
        foreach (string line in Ink.Wrap(text, Theme.LabelSize, Bounds.Width, Math.Max(1, (int)(Bounds.Height / 16))))
        {
            Ink.Text(canvas, line, Bounds.Left, y, Theme.LabelSize, color ?? Theme.TextDim);
            y += 16;
        }
    }
}
