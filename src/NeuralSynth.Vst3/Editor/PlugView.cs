using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Editor.Platform;
using NeuralSynth.Vst3.Editor.Ui;
using NeuralSynth.Vst3.Host;
using NeuralSynth.Vst3.Interfaces;
using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor;

/// <summary>
/// The plug-in's own editor (IPlugView + IPlugViewContentScaleSupport), one per createView call. It owns the
/// native child window and a CPU frame; the drawing is <see cref="EditorUi"/>'s. Sizes the host sees are
/// physical pixels: the logical layout times the content scale the host gives us. Called on the UI thread only.
/// </summary>
internal sealed unsafe class PlugView : ComObject, IEditorInput
{
    public const int ViewSlot = 0, ScaleSlot = 1;
    private readonly Controller _controller;
    private readonly EditorUi _ui;
    private IntPtr _frame;
    private IntPtr _runLoop;
    private INativeEditorWindow? _window;
    private SKBitmap? _pixels;
    private float _scale = 1f;
    private int _width, _height; // physical pixels
    private SKPoint _lastMouse;

    public PlugView(Controller controller) : base(PlugViewVtables.All, PlugViewVtables.Interfaces)
    {
        _controller = controller;
        _ui = new EditorUi(new ControllerEditorModel(controller));
        var size = EditorUi.DefaultSize(controller.Definition.Kind);
        _ui.SetSize(size);
        _width = (int)size.Width;
        _height = (int)size.Height;
    }

    public EditorUi Ui => _ui;
    public bool IsAttached => _window != null;

    public static bool IsPlatformTypeSupported(string? type) =>
        (OperatingSystem.IsLinux() && type == PlatformTypes.X11EmbedWindowId) || (OperatingSystem.IsWindows() && type == PlatformTypes.Hwnd);

    public int Attached(IntPtr parent, string? type)
    {
        if (_window != null) return TResult.False;
        if (parent == IntPtr.Zero || !IsPlatformTypeSupported(type)) return TResult.InvalidArgument;
        if (OperatingSystem.IsLinux())
        {
            // The host's run loop is reached through the frame (JUCE, Ardour, Bitwig, REAPER all answer it).
            Unknown.Release(Interlocked.Exchange(ref _runLoop, Unknown.Query(_frame, Iids.RunLoop)));
            _window = new X11EditorWindow((ulong)parent, _width, _height, this, _runLoop);
            _ui.EditorProblem = _runLoop == IntPtr.Zero ? "editor: the host offers no run loop, meters and status do not update" : null;
        }
        else
        {
            _window = new Win32EditorWindow(parent, _width, _height, this);
        }
        _controller.AddView(this);
        Render();
        return TResult.Ok;
    }

    public int Removed()
    {
        _controller.RemoveView(this);
        _window?.Dispose();
        _window = null;
        _pixels?.Dispose();
        _pixels = null;
        Unknown.Release(Interlocked.Exchange(ref _runLoop, IntPtr.Zero));
        return TResult.Ok;
    }

    protected override void OnFinalRelease()
    {
        if (_window != null) Removed();
        Unknown.Release(Interlocked.Exchange(ref _frame, IntPtr.Zero));
    }

    public int OnWheel(float distance)
    {
        _ui.Wheel(_lastMouse, distance);
        return TResult.Ok;
    }

    public int GetSize(ViewRect* size)
    {
        if (size == null) return TResult.InvalidArgument;
        *size = ViewRect.Of(_width, _height);
        return TResult.Ok;
    }

    public int OnSize(ViewRect* size)
    {
        if (size == null) return TResult.InvalidArgument;
        var constrained = Constrain(*size);
        _width = constrained.Width;
        _height = constrained.Height;
        _ui.SetSize(new SKSize(_width / _scale, _height / _scale));
        _window?.SetSize(_width, _height);
        if (_window != null) Render();
        return TResult.Ok;
    }

    public int SetFrame(IntPtr frame)
    {
        Unknown.AddRef(frame);
        Unknown.Release(Interlocked.Exchange(ref _frame, frame));
        return TResult.Ok;
    }

    public int CheckSizeConstraint(ViewRect* rect)
    {
        if (rect == null) return TResult.InvalidArgument;
        var constrained = Constrain(*rect);
        rect->Right = rect->Left + constrained.Width;
        rect->Bottom = rect->Top + constrained.Height;
        return TResult.Ok;
    }

    /// <summary>The host's scale for this screen (2.0 on a HiDPI display): keep the logical size, ask for the new physical one.</summary>
    public int SetContentScaleFactor(float factor)
    {
        if (!float.IsFinite(factor) || factor < 0.5f || factor > 8f) return TResult.InvalidArgument;
        if (Math.Abs(factor - _scale) < 1e-4f) return TResult.Ok;
        var logical = _ui.Size;
        _scale = factor;
        _width = (int)MathF.Round(logical.Width * factor);
        _height = (int)MathF.Round(logical.Height * factor);
        if (_window != null && _frame != IntPtr.Zero)
            PlugFrame.ResizeView(_frame, Slot(ViewSlot), ViewRect.Of(_width, _height)); // the host answers with onSize
        if (_window != null) Render();
        return TResult.Ok;
    }

    private (int Width, int Height) Constrain(ViewRect rect)
    {
        var min = EditorUi.MinimumSize(_controller.Definition.Kind);
        var max = EditorUi.MaximumSize;
        int width = Math.Clamp(rect.Width, (int)(min.Width * _scale), (int)(max.Width * _scale));
        int height = Math.Clamp(rect.Height, (int)(min.Height * _scale), (int)(max.Height * _scale));
        return (width, height);
    }

    /// <summary>The controller changed a value (host automation, a preset): show it on the next tick.</summary>
    public void ParameterChanged() => _ui.Invalidate();

    // ---- drawing --------------------------------------------------------------------------------

    private void Render()
    {
        if (_window == null) return;
        try
        {
            if (_pixels == null || _pixels.Width != _width || _pixels.Height != _height)
            {
                _pixels?.Dispose();
                _pixels = new SKBitmap(new SKImageInfo(_width, _height, SKColorType.Bgra8888, SKAlphaType.Premul));
            }
            EditorRenderer.Render(_ui, _pixels, _scale);
            _window.Present(_pixels);
        }
        catch (Exception e)
        {
            Guard.Record(e);
            _ui.EditorProblem = "editor: " + e.Message;
        }
    }

    // ---- IEditorInput (from the native window, UI thread) -----------------------------------------

    private SKPoint Logical(int x, int y) => new(x / _scale, y / _scale);

    public void MouseDown(int x, int y, bool doubleClick)
    {
        _lastMouse = Logical(x, y);
        _ui.MouseDown(_lastMouse, doubleClick);
        if (_runLoop == IntPtr.Zero && OperatingSystem.IsLinux()) Render(); // no timer: draw now
    }

    public void MouseMove(int x, int y)
    {
        _lastMouse = Logical(x, y);
        _ui.MouseMove(_lastMouse);
    }

    public void MouseUp(int x, int y)
    {
        _lastMouse = Logical(x, y);
        _ui.MouseUp(_lastMouse);
        if (_runLoop == IntPtr.Zero && OperatingSystem.IsLinux()) Render();
    }

    public void Wheel(int x, int y, float notches)
    {
        _lastMouse = Logical(x, y);
        _ui.Wheel(_lastMouse, notches);
    }

    public void Exposed()
    {
        if (_pixels != null && _window != null) _window.Present(_pixels);
        else Render();
    }

    public void Tick()
    {
        try
        {
            if (_ui.Update()) Render();
        }
        catch (Exception e)
        {
            Guard.Record(e);
            _ui.EditorProblem = "editor: " + e.Message;
        }
    }
}
