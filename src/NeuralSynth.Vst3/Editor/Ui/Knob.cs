using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// A rotary knob on one parameter: drag up/down (200 px for the whole range), wheel for fine steps,
/// double-click for the default. Its title comes from the model (the effect's knobs are named by the loaded model).
/// </summary>
internal sealed class Knob(uint id, string? title = null) : Widget
{
    public const float Width = 76f, Height = 98f;
    private const float DragRange = 200f, StartAngle = 135f, Sweep = 270f;
    private ParameterGesture? _gesture;
    private float _dragStartY;
    private double _dragStartValue;

    public uint Id => id;

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        var model = ui.Model;
        double value = model.Normalized(id);
        float size = Math.Min(Bounds.Width, Bounds.Height - 40f);
        float cx = Bounds.MidX, cy = Bounds.Top + 4 + size / 2;
        float radius = size / 2 - 6;
        var arc = new SKRect(cx - radius, cy - radius, cx + radius, cy + radius);
        using (var track = Ink.Stroke(Theme.Track, 5f)) canvas.DrawArc(arc, StartAngle, Sweep, false, track);
        using (var fill = Ink.Stroke(_gesture != null ? Theme.Text : Theme.Accent, 5f))
            if (value > 0.001) canvas.DrawArc(arc, StartAngle, (float)(Sweep * value), false, fill);
        float angle = (StartAngle + Sweep * (float)value) * MathF.PI / 180f;
        using (var body = Ink.Fill(Theme.Panel)) canvas.DrawCircle(cx, cy, radius - 7, body);
        using (var pointer = Ink.Stroke(Theme.Text, 2.5f))
            canvas.DrawLine(cx + MathF.Cos(angle) * (radius - 18), cy + MathF.Sin(angle) * (radius - 18),
                cx + MathF.Cos(angle) * (radius - 8), cy + MathF.Sin(angle) * (radius - 8), pointer);
        Ink.Text(canvas, title ?? model.Title(id), cx, Bounds.Bottom - 20, Theme.LabelSize, Theme.Text, SKTextAlign.Center, Bounds.Width + 8);
        Ink.Text(canvas, model.Display(id, value), cx, Bounds.Bottom - 5, Theme.ValueSize, Theme.TextDim, SKTextAlign.Center, Bounds.Width + 8);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        if (doubleClick)
        {
            ParameterGesture.Once(ui.Model, id, ui.Model.DefaultNormalized(id));
            return false;
        }
        _gesture = new ParameterGesture(ui.Model, id);
        _dragStartY = point.Y;
        _dragStartValue = ui.Model.Normalized(id);
        return true;
    }

    public override void Drag(SKPoint point, EditorUi ui)
    {
        if (_gesture == null) return;
        double value = _dragStartValue + (_dragStartY - point.Y) / DragRange;
        int steps = ui.Model.StepCount(id);
        if (steps > 0) value = ParameterGesture.OfIndex(ParameterGesture.IndexOf(value, steps), steps);
        if (Math.Abs(value - ui.Model.Normalized(id)) > 1e-9) _gesture.Set(value);
    }

    public override void MouseUp(SKPoint point, EditorUi ui)
    {
        _gesture?.End();
        _gesture = null;
    }

    public override void Wheel(float notches, EditorUi ui)
    {
        int steps = ui.Model.StepCount(id);
        double delta = steps > 0 ? notches / steps : notches * 0.02;
        ParameterGesture.Once(ui.Model, id, ui.Model.Normalized(id) + delta);
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(ui.Model.Normalized(id));
        hash.Add(_gesture != null);
    }
}
