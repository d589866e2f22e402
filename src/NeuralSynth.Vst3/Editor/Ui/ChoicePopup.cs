using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The open list of a <see cref="ChoiceBox"/>, drawn over everything: click a row to choose it, wheel to scroll,
/// click outside to close. Long lists (many user models) scroll instead of leaving the window.
/// </summary>
internal sealed class ChoicePopup : Widget
{
    private const float Row = 24f;
    private readonly uint _id;
    private readonly IReadOnlyList<string> _names;
    private int _first;

    public ChoicePopup(uint id, SKRect anchor, EditorUi ui)
    {
        _id = id;
        _names = ui.Model.Choices(id) ?? [];
        float available = ui.Size.Height - anchor.Bottom - 8;
        int rows = Math.Max(3, Math.Min(_names.Count, (int)(available / Row)));
        float top = anchor.Bottom + 2;
        if (top + rows * Row > ui.Size.Height - 4) top = Math.Max(4, ui.Size.Height - 4 - rows * Row);
        Bounds = new SKRect(anchor.Left, top, Math.Max(anchor.Right, anchor.Left + 220), top + rows * Row);
        int selected = ParameterGesture.IndexOf(ui.Model.Normalized(id), ui.Model.StepCount(id));
        _first = Math.Clamp(selected - rows / 2, 0, Math.Max(0, _names.Count - rows));
    }

    private int VisibleRows => (int)(Bounds.Height / Row);

    /// <summary>The rectangle of choice <paramref name="index"/> while it is visible (tests click it), else empty.</summary>
    public SKRect RowBounds(int index)
    {
        int row = index - _first;
        if (row < 0 || row >= VisibleRows || index >= _names.Count) return SKRect.Empty;
        return new SKRect(Bounds.Left + 2, Bounds.Top + row * Row, Bounds.Right - 2, Bounds.Top + (row + 1) * Row);
    }

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        using (var shadow = Ink.Fill(new SKColor(0, 0, 0, 120))) canvas.DrawRoundRect(SKRect.Inflate(Bounds, 3, 3), 8, 8, shadow);
        using (var fill = Ink.Fill(Theme.Panel)) canvas.DrawRoundRect(Bounds, 6, 6, fill);
        using (var edge = Ink.Stroke(Theme.Accent, 1f)) canvas.DrawRoundRect(Bounds, 6, 6, edge);
        int selected = ParameterGesture.IndexOf(ui.Model.Normalized(_id), ui.Model.StepCount(_id));
        for (int row = 0; row < VisibleRows && _first + row < _names.Count; row++)
        {
            int index = _first + row;
            var rect = RowBounds(index);
            if (index == selected)
                using (var highlight = Ink.Fill(Theme.AccentDim)) canvas.DrawRect(rect, highlight);
            Ink.Text(canvas, _names[index], rect.Left + 8, rect.MidY + 5, Theme.LabelSize, Theme.Text, SKTextAlign.Left, rect.Width - 16);
        }
        if (_names.Count > VisibleRows)
            Ink.Text(canvas, $"{_first + 1}–{Math.Min(_names.Count, _first + VisibleRows)} of {_names.Count}", Bounds.Right - 6, Bounds.Top - 4,
                Theme.ValueSize, Theme.TextDim, SKTextAlign.Right);
    }

    public override bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui)
    {
        if (Bounds.Contains(point))
        {
            int index = _first + (int)((point.Y - Bounds.Top) / Row);
            if (index < _names.Count) ParameterGesture.Once(ui.Model, _id, ParameterGesture.OfIndex(index, ui.Model.StepCount(_id)));
        }
        ui.ClosePopup();
        return false;
    }

    public override void Wheel(float notches, EditorUi ui) =>
        _first = Math.Clamp(_first - (int)Math.Round(notches * 3), 0, Math.Max(0, _names.Count - VisibleRows));

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(_first);
        hash.Add(ui.Model.Normalized(_id));
    }
}
