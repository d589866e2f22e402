using System.Runtime.InteropServices;
using NeuralSynth.Vst3.Com;
using SkiaSharp;
using static NeuralSynth.Vst3.Editor.Platform.Win32Native;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>
/// The editor on Windows (kPlatformTypeHWND): a WS_CHILD window in the host's HWND, painted with
/// SetDIBitsToDevice from our CPU frame, its timer a WM_TIMER. Written against the Win32 documentation and
/// compiled on every platform; not yet run in a Windows host.
/// </summary>
internal sealed unsafe class Win32EditorWindow : INativeEditorWindow
{
    private const string ClassName = "NeuralSynthEditor";
    private const nuint TimerId = 1;
    private static bool _classRegistered;
    private readonly IEditorInput _input;
    private GCHandle _self;
    private IntPtr _window;
    private SKBitmap? _frame;

    public Win32EditorWindow(IntPtr parent, int width, int height, IEditorInput input)
    {
        _input = input;
        RegisterClassOnce();
        _self = GCHandle.Alloc(this);
        fixed (char* name = ClassName)
            _window = CreateWindowExW(0, name, name, WsChild | WsVisible | WsClipSiblings, 0, 0, width, height, parent, IntPtr.Zero, GetModuleHandleW(null), IntPtr.Zero);
        if (_window == IntPtr.Zero)
        {
            _self.Free();
            throw new InvalidOperationException("CreateWindowExW failed for the editor window");
        }
        SetWindowLongPtrW(_window, GwlpUserData, GCHandle.ToIntPtr(_self));
        SetTimer(_window, TimerId, EditorTiming.TimerMilliseconds, IntPtr.Zero);
    }

    private static void RegisterClassOnce()
    {
        if (_classRegistered) return;
        fixed (char* name = ClassName)
        {
            var windowClass = new WndClassExW
            {
                Size = (uint)sizeof(WndClassExW),
                Style = CsDblClks | CsOwnDC,
                WndProc = (IntPtr)(delegate* unmanaged<IntPtr, uint, IntPtr, IntPtr, IntPtr>)&WindowProc,
                Instance = GetModuleHandleW(null),
                ClassName = name,
            };
            RegisterClassExW(&windowClass); // fails harmlessly when another instance of the module registered it
        }
        _classRegistered = true;
    }

    public void SetSize(int width, int height) =>
        SetWindowPos(_window, IntPtr.Zero, 0, 0, width, height, SwpNoMove | SwpNoZOrder);

    public void Present(SKBitmap frame)
    {
        _frame = frame;
        IntPtr dc = GetDC(_window);
        if (dc == IntPtr.Zero) return;
        Blit(dc, frame);
        ReleaseDC(_window, dc);
    }

    private static void Blit(IntPtr dc, SKBitmap frame)
    {
        var header = new BitmapInfoHeader
        {
            Size = (uint)sizeof(BitmapInfoHeader),
            Width = frame.Width,
            Height = -frame.Height, // top-down rows, as Skia lays them out
            Planes = 1,
            BitCount = 32,
        };
        SetDIBitsToDevice(dc, 0, 0, (uint)frame.Width, (uint)frame.Height, 0, 0, 0, (uint)frame.Height, frame.GetPixels(), &header, DibRgbColors);
    }

    [UnmanagedCallersOnly]
    private static IntPtr WindowProc(IntPtr window, uint message, IntPtr wParam, IntPtr lParam)
    {
        try
        {
            IntPtr handle = GetWindowLongPtrW(window, GwlpUserData);
            if (handle != IntPtr.Zero && GCHandle.FromIntPtr(handle).Target is Win32EditorWindow self && self.Handle(message, wParam, lParam))
                return IntPtr.Zero;
        }
        catch (Exception e)
        {
            Guard.Record(e);
        }
        return DefWindowProcW(window, message, wParam, lParam);
    }

    private bool Handle(uint message, IntPtr wParam, IntPtr lParam)
    {
        int x = (short)(lParam.ToInt64() & 0xFFFF), y = (short)((lParam.ToInt64() >> 16) & 0xFFFF);
        switch (message)
        {
            case WmPaint:
                PaintStruct paint;
                IntPtr dc = BeginPaint(_window, &paint);
                if (_frame != null && dc != IntPtr.Zero) Blit(dc, _frame);
                EndPaint(_window, &paint);
                _input.Exposed();
                return true;
            case WmEraseBkgnd:
                return true; // we paint every pixel: no flicker
            case WmTimer:
                _input.Tick();
                return true;
            case WmLButtonDown:
            case WmLButtonDblClk:
                SetCapture(_window);
                _input.MouseDown(x, y, message == WmLButtonDblClk);
                return true;
            case WmLButtonUp:
                ReleaseCapture();
                _input.MouseUp(x, y);
                return true;
            case WmMouseMove:
                _input.MouseMove(x, y);
                return true;
            case WmMouseWheel:
                int* point = stackalloc int[2] { x, y }; // wheel positions are screen coordinates
                ScreenToClient(_window, point);
                _input.Wheel(point[0], point[1], (short)((wParam.ToInt64() >> 16) & 0xFFFF) / 120f);
                return true;
        }
        return false;
    }

    public void Dispose()
    {
        if (_window != IntPtr.Zero)
        {
            KillTimer(_window, TimerId);
            SetWindowLongPtrW(_window, GwlpUserData, IntPtr.Zero);
            DestroyWindow(_window);
            _window = IntPtr.Zero;
        }
        if (_self.IsAllocated) _self.Free();
        _frame = null;
    }
}
