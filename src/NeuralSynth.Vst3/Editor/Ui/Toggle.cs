using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>An on/off parameter (Bypass, Generator, Continue What I Play): a button with a light.</summary>
internal sealed class Toggle(uint id, string? label = null) : Widget
{
    public const float Height = 30f;

    public uint Id => id;

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        bool on = ui.Model.Normalized(id) >= 0.5;
        using (var fill = Ink.Fill(on ? Theme.AccentDim : Theme.Background)) canvas.DrawRoundRect(Bounds, 6, 6, fill);
        using (var edge = Ink.Stroke(on ? Theme.Accent : Theme.PanelEdge, 1f)) canvas.DrawRoundRect(Bounds, 6, 6, edge);
        using (var light = Ink.Fill(on ? Theme.Accent : Theme.Track)) canvas.DrawCircle(Bounds.Left + 14, Bounds.MidY, 5, light);
        Ink.Text(canvas, label ?? ui.Model.Title(id), Bounds.Left + 26, Bounds.MidY + 4.5f, Theme.LabelSize, on ? Theme.Text : Theme.TextDim,
            SKTextAlign.Left, Bounds.Width - 32);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        ParameterGesture.Once(ui.Model, id, ui.Model.Normalized(id) >= 0.5 ? 0.0 : 1.0);
        return false;
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui) => hash.Add(ui.Model.Normalized(id) >= 0.5);
}
