using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>A button that is not a parameter ("Add model from disk…"): it runs an editor action when clicked.</summary>
internal sealed class TextButton(string text, Action<EditorUi> click) : Widget
{
    public string Text => text;

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        using (var fill = Ink.Fill(Theme.Background)) canvas.DrawRoundRect(Bounds, 6, 6, fill);
        using (var edge = Ink.Stroke(Theme.Accent, 1f)) canvas.DrawRoundRect(Bounds, 6, 6, edge);
        Ink.Text(canvas, text, Bounds.MidX, Bounds.MidY + 4.5f, Theme.LabelSize, Theme.Text, SKTextAlign.Center, Bounds.Width - 12);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        click(ui);
        return false;
    }
}
