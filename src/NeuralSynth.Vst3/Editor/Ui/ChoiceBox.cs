using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// A list parameter (model, sound source, program, key...): the arrows step through the values, a click on the
/// name opens the whole list (<see cref="ChoicePopup"/>), the wheel steps too.
/// </summary>
internal sealed class ChoiceBox(uint id, string? label = null) : Widget
{
    public const float Height = 46f;
    private const float Arrow = 24f;

    public uint Id => id;

    private SKRect Box => new(Bounds.Left, Bounds.Top + 16, Bounds.Right, Bounds.Bottom);

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        var model = ui.Model;
        Ink.Text(canvas, label ?? model.Title(id), Bounds.Left + 2, Bounds.Top + 11, Theme.ValueSize, Theme.TextDim);
        var box = Box;
        using (var fill = Ink.Fill(Theme.Background)) canvas.DrawRoundRect(box, 6, 6, fill);
        using (var edge = Ink.Stroke(Theme.PanelEdge, 1f)) canvas.DrawRoundRect(box, 6, 6, edge);
        Ink.Text(canvas, "‹", box.Left + Arrow / 2, box.MidY + 6, 18, Theme.Accent, SKTextAlign.Center);
        Ink.Text(canvas, "›", box.Right - Arrow / 2, box.MidY + 6, 18, Theme.Accent, SKTextAlign.Center);
        Ink.Text(canvas, model.Display(id, model.Normalized(id)), box.Left + Arrow + 4, box.MidY + 5, Theme.LabelSize, Theme.Text,
            SKTextAlign.Left, box.Width - 2 * Arrow - 8);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        var box = Box;
        if (!box.Contains(point)) return false;
        if (point.X < box.Left + Arrow) Step(-1, ui);
        else if (point.X > box.Right - Arrow) Step(1, ui);
        else ui.OpenPopup(new ChoicePopup(id, box, ui));
        return false;
    }

    public override void Wheel(float notches, EditorUi ui) => Step(notches > 0 ? -1 : 1, ui);

    private void Step(int direction, EditorUi ui)
    {
        int steps = ui.Model.StepCount(id);
        int index = ParameterGesture.IndexOf(ui.Model.Normalized(id), steps) + direction;
        if (index < 0 || index > steps) return;
        ParameterGesture.Once(ui.Model, id, ParameterGesture.OfIndex(index, steps));
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(ui.Model.Normalized(id));
        hash.Add(ui.Model.Display(id, ui.Model.Normalized(id)));
    }
}
