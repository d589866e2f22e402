using NeuralSynth.Vst3.Host;
using SkiaSharp;
using static NeuralSynth.Vst3.Editor.Platform.X11Native;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>
/// The editor on Linux: a child X11 window in the host's window (kPlatformTypeX11EmbedWindowID), on an X
/// connection of our own whose file descriptor the host's IRunLoop watches. Nothing here runs on a thread of
/// ours: events are read when the host says the descriptor is readable, the timer is the host's.
/// Frames are CPU pixels sent with XPutImage (no GL, no shared memory: works on any X server, Xvfb included).
/// </summary>
internal sealed unsafe class X11EditorWindow : INativeEditorWindow
{
    private const ulong DoubleClickMs = 400;
    private readonly IEditorInput _input;
    private readonly IntPtr _runLoop;
    private readonly RunLoopClient _client;
    private IntPtr _display;
    private ulong _window;
    private IntPtr _gc;
    private IntPtr _visual;
    private uint _depth;
    private ulong _lastClickTime;
    private int _width, _height;
    private bool _timerRegistered, _eventsRegistered;

    /// <param name="runLoop">The host's IRunLoop (we hold a reference), or zero: then the editor draws once and on expose only.</param>
    public X11EditorWindow(ulong parent, int width, int height, IEditorInput input, IntPtr runLoop)
    {
        _input = input;
        _runLoop = runLoop;
        _client = new RunLoopClient(DrainEvents, input.Tick);
        _display = XOpenDisplay(IntPtr.Zero);
        if (_display == IntPtr.Zero) throw new InvalidOperationException("cannot open the X display (DISPLAY not set?)");
        XWindowAttributes attributes;
        if (XGetWindowAttributes(_display, parent, &attributes) == 0) throw new InvalidOperationException("the host's parent window is not an X window");
        _visual = attributes.Visual;
        _depth = (uint)attributes.Depth;
        if (_depth is not (24 or 32)) throw new InvalidOperationException($"unsupported X visual depth {_depth} (need 24 or 32 bits)");
        int screen = XDefaultScreen(_display);
        _width = width;
        _height = height;
        _window = XCreateSimpleWindow(_display, parent, 0, 0, (uint)Math.Max(1, width), (uint)Math.Max(1, height), 0, 0, XBlackPixel(_display, screen));
        XSelectInput(_display, _window, ExposureMask | ButtonPressMask | ButtonReleaseMask | PointerMotionMask | StructureNotifyMask);
        _gc = XCreateGC(_display, _window, 0, IntPtr.Zero);
        XMapWindow(_display, _window);
        XFlush(_display);
        if (_runLoop != IntPtr.Zero)
        {
            _eventsRegistered = RunLoop.RegisterEventHandler(_runLoop, _client.EventHandler, XConnectionNumber(_display)) == Abi.TResult.Ok;
            _timerRegistered = RunLoop.RegisterTimer(_runLoop, _client.TimerHandler, EditorTiming.TimerMilliseconds) == Abi.TResult.Ok;
        }
    }

    public ulong WindowId => _window;

    public void SetSize(int width, int height)
    {
        // Only real changes: every ConfigureNotify on our window makes JUCE 7's XEmbedComponent post an async
        // callback holding a raw pointer to itself (a use-after-free if the editor closes before it runs).
        if (_display == IntPtr.Zero || (width == _width && height == _height)) return;
        _width = width;
        _height = height;
        XResizeWindow(_display, _window, (uint)Math.Max(1, width), (uint)Math.Max(1, height));
        XFlush(_display);
    }

    public void Present(SKBitmap frame)
    {
        if (_display == IntPtr.Zero) return;
        IntPtr image = XCreateImage(_display, _visual, _depth, ZPixmap, 0, frame.GetPixels(), (uint)frame.Width, (uint)frame.Height, 32, frame.RowBytes);
        if (image == IntPtr.Zero) return;
        XPutImage(_display, _window, _gc, image, 0, 0, 0, 0, (uint)frame.Width, (uint)frame.Height);
        XFree(image); // the struct only: the pixels belong to the bitmap
        XFlush(_display);
    }

    /// <summary>Reads every queued event (the host saw our descriptor readable, or we poll after drawing).</summary>
    private void DrainEvents()
    {
        if (_display == IntPtr.Zero) return;
        XEvent e;
        bool exposed = false;
        while (_display != IntPtr.Zero && XPending(_display) > 0)
        {
            XNextEvent(_display, &e);
            switch (e.Type)
            {
                case Expose:
                    exposed = true;
                    break;
                case ButtonPress:
                    uint button = ButtonNumber(&e);
                    if (button == 1)
                    {
                        ulong time = ButtonTime(&e);
                        // Synthetic events (XSendEvent, automation tools) carry time 0: never a double-click.
                        bool doubleClick = _lastClickTime != 0 && time >= _lastClickTime && time - _lastClickTime < DoubleClickMs;
                        _lastClickTime = doubleClick ? 0 : time;
                        _input.MouseDown(ButtonX(&e), ButtonY(&e), doubleClick);
                    }
                    else if (button is 4 or 5) _input.Wheel(ButtonX(&e), ButtonY(&e), button == 4 ? 1f : -1f);
                    break;
                case ButtonRelease:
                    if (ButtonNumber(&e) == 1) _input.MouseUp(ButtonX(&e), ButtonY(&e));
                    break;
                case MotionNotify:
                    _input.MouseMove(ButtonX(&e), ButtonY(&e));
                    break;
            }
        }
        if (exposed) _input.Exposed();
    }

    public void Dispose()
    {
        _client.Detach();
        if (_runLoop != IntPtr.Zero)
        {
            if (_eventsRegistered) RunLoop.UnregisterEventHandler(_runLoop, _client.EventHandler);
            if (_timerRegistered) RunLoop.UnregisterTimer(_runLoop, _client.TimerHandler);
        }
        _eventsRegistered = _timerRegistered = false;
        _client.Release();
        if (_display == IntPtr.Zero) return;
        if (_gc != IntPtr.Zero) XFreeGC(_display, _gc);
        XDestroyWindow(_display, _window);
        XFlush(_display);
        XCloseDisplay(_display);
        _display = IntPtr.Zero;
        _gc = IntPtr.Zero;
    }
}
