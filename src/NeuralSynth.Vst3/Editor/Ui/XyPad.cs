using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// RAVE's latent space under the hand: x drives one parameter (latent 1), y another (latent 2), both in one
/// gesture each, so the host records the movement as automation of both.
/// </summary>
internal sealed class XyPad(uint xId, uint yId, string label) : Widget
{
    private ParameterGesture? _x, _y;

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        using (var fill = Ink.Fill(Theme.Background)) canvas.DrawRoundRect(Bounds, 6, 6, fill);
        using (var grid = Ink.Stroke(Theme.Track, 1f))
        {
            canvas.DrawLine(Bounds.MidX, Bounds.Top, Bounds.MidX, Bounds.Bottom, grid);
            canvas.DrawLine(Bounds.Left, Bounds.MidY, Bounds.Right, Bounds.MidY, grid);
        }
        using (var edge = Ink.Stroke(_x != null ? Theme.Accent : Theme.PanelEdge, 1f)) canvas.DrawRoundRect(Bounds, 6, 6, edge);
        float x = Bounds.Left + (float)ui.Model.Normalized(xId) * Bounds.Width;
        float y = Bounds.Bottom - (float)ui.Model.Normalized(yId) * Bounds.Height;
        using (var dot = Ink.Fill(Theme.Accent)) canvas.DrawCircle(x, y, 8, dot);
        using (var ring = Ink.Stroke(Theme.Text, 1.5f)) canvas.DrawCircle(x, y, 8, ring);
        Ink.Text(canvas, label, Bounds.Left + 8, Bounds.Top + 16, Theme.ValueSize, Theme.TextDim);
        Ink.Text(canvas, $"{ui.Model.Title(xId)} → · {ui.Model.Title(yId)} ↑", Bounds.Left + 8, Bounds.Bottom - 8, Theme.ValueSize, Theme.TextDim,
            SKTextAlign.Left, Bounds.Width - 16);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        _x = new ParameterGesture(ui.Model, xId);
        _y = new ParameterGesture(ui.Model, yId);
        Drag(point, ui);
        return true;
    }

    public override void Drag(SKPoint point, EditorUi ui)
    {
        _x?.Set((point.X - Bounds.Left) / Bounds.Width);
        _y?.Set((Bounds.Bottom - point.Y) / Bounds.Height);
    }

    public override void MouseUp(SKPoint point, EditorUi ui)
    {
        _x?.End();
        _y?.End();
        _x = _y = null;
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(ui.Model.Normalized(xId));
        hash.Add(ui.Model.Normalized(yId));
        hash.Add(_x != null);
    }
}
