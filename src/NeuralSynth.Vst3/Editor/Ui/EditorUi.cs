using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The editor's contents, independent of any window: layout for a size, drawing onto a canvas, mouse input,
/// and the decision whether a new frame is needed. The window code (<see cref="EditorSession"/>) calls
/// <see cref="Update"/> on each timer tick and draws only when it returns true, so an idle editor costs nothing.
/// </summary>
internal sealed class EditorUi
{
    private List<Widget> _widgets = [];
    private Widget? _captured;
    private Widget? _popup; // an open list or the model browser: it takes all input while open
    private EditorStatus _status;
    private int _layoutKey;
    private int _drawnFingerprint;
    private bool _dirty = true;

    public EditorUi(IEditorModel model)
    {
        Model = model;
        _status = model.Status();
        Layout();
    }

    public IEditorModel Model { get; }
    public EditorLevels Levels { get; } = new();
    public NoteHistory Notes { get; } = new();
    public SKSize Size { get; private set; } = DefaultSize(PluginKind.Effect);

    /// <summary>A problem of the editor itself (no host run loop, ...), shown beside the plug-in's status.</summary>
    public string? EditorProblem { get; set; }

    public IReadOnlyList<Widget> Widgets => _widgets;

    public static SKSize DefaultSize(PluginKind kind) => kind switch
    {
        PluginKind.Instrument => new SKSize(900, 600),
        PluginKind.Effect => new SKSize(820, 520),
        _ => new SKSize(560, 320),
    };

    public static SKSize MinimumSize(PluginKind kind) => kind == PluginKind.AudioToMidi ? new SKSize(420, 260) : new SKSize(600, 440);
    public static readonly SKSize MaximumSize = new(2400, 1600);

    public void SetSize(SKSize size)
    {
        if (size == Size) return;
        Size = size;
        if (_popup is ChoicePopup) _popup = null; // it hangs off a box that moves; the browser follows the size itself
        Layout();
    }

    /// <summary>Something outside changed (a host automation value): draw on the next tick.</summary>
    public void Invalidate() => _dirty = true;

    /// <summary>Polls status and meters; true when the frame on screen is out of date.</summary>
    public bool Update()
    {
        _popup?.Poll(this);
        _status = Model.Status();
        int layoutKey = LayoutKey(_status);
        if (layoutKey != _layoutKey) Layout();
        Levels.Poll(Model);
        if (Model.Kind == PluginKind.Instrument) Notes.Poll(Model);
        return _dirty || Fingerprint() != _drawnFingerprint;
    }

    public void Render(SKCanvas canvas)
    {
        canvas.Clear(Theme.Background);
        Header.Draw(canvas, this, _status);
        foreach (var widget in _widgets) widget.Draw(canvas, this);
        _popup?.Draw(canvas, this);
        _drawnFingerprint = Fingerprint();
        _dirty = false;
    }

    // ---- input (logical coordinates) --------------------------------------------------------------

    public void MouseDown(SKPoint point, bool doubleClick)
    {
        _dirty = true;
        if (_popup != null)
        {
            if (_popup.MouseDown(point, doubleClick, this)) _captured = _popup;
            return;
        }
        var widget = HitTest(point);
        if (widget != null && widget.MouseDown(point, doubleClick, this)) _captured = widget;
    }

    public void MouseMove(SKPoint point)
    {
        if (_captured == null) return;
        _captured.Drag(point, this);
    }

    public void MouseUp(SKPoint point)
    {
        _captured?.MouseUp(point, this);
        _captured = null;
        _dirty = true;
    }

    public void Wheel(SKPoint point, float notches)
    {
        _dirty = true;
        if (_popup != null) _popup.Wheel(notches, this);
        else HitTest(point)?.Wheel(notches, this);
    }

    public void OpenPopup(Widget popup) => _popup = popup;

    /// <summary>The open list or browser, if any (tests drive it).</summary>
    public Widget? Popup => _popup;
    public void ClosePopup()
    {
        if (_captured == _popup) _captured = null;
        _popup = null;
    }

    private Widget? HitTest(SKPoint point)
    {
        for (int i = _widgets.Count - 1; i >= 0; i--)
            if (_widgets[i] is not (Section or Note) && _widgets[i].Bounds.Contains(point)) return _widgets[i];
        return null;
    }

    // ---- layout ---------------------------------------------------------------------------------

    private void Layout()
    {
        _captured?.MouseUp(SKPoint.Empty, this); // a gesture in progress must still end
        _captured = null;
        _layoutKey = LayoutKey(_status);
        var area = new SKRect(Theme.Padding, Header.Height + 4, Size.Width - Theme.Padding, Size.Height - Theme.Padding);
        _widgets = Model.Kind switch
        {
            PluginKind.Effect => EffectLayout.Build(this, _status, area),
            PluginKind.Instrument => InstrumentLayout.Build(this, area),
            _ => AudioToMidiLayout.Build(this, area),
        };
        _dirty = true;
    }

    /// <summary>What the layout depends on besides the size: the effect's knobs follow the loaded model.</summary>
    private static int LayoutKey(EditorStatus status)
    {
        var hash = new HashCode();
        hash.Add(status.RaveMode);
        hash.Add(status.ModelName); // the knob section's note says whether a model is loaded
        foreach (string name in status.KnobNames) hash.Add(name);
        return hash.ToHashCode();
    }

    private int Fingerprint()
    {
        var hash = new HashCode();
        hash.Add(_status.ModelName);
        hash.Add(_status.Problem);
        hash.Add(_status.LatencyMs);
        hash.Add(EditorProblem);
        foreach (var widget in _widgets) widget.Fingerprint(ref hash, this);
        _popup?.Fingerprint(ref hash, this);
        return hash.ToHashCode();
    }
}
