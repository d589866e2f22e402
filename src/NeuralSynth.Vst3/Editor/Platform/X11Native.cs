using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>
/// The few Xlib calls the editor needs (libX11.so.6, loaded on first use: a host without X never loads it).
/// Source-generated P/Invokes, so they work under NativeAOT. Struct offsets are those of the 64-bit ABI.
/// </summary>
internal static unsafe partial class X11Native
{
    private const string Lib = "libX11.so.6";

    public const long ButtonPressMask = 1L << 2, ButtonReleaseMask = 1L << 3, PointerMotionMask = 1L << 6,
        ExposureMask = 1L << 15, StructureNotifyMask = 1L << 17;

    public const int ButtonPress = 4, ButtonRelease = 5, MotionNotify = 6, Expose = 12, ConfigureNotify = 22;
    public const int ZPixmap = 2;

    /// <summary>XEvent is a union padded to 24 longs.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 192)]
    public struct XEvent
    {
        public int Type;
    }

    // XButtonEvent / XMotionEvent: x at 64, y at 68, time at 56, button at 84. XConfigureEvent: width at 56, height at 60.
    public static int ButtonX(XEvent* e) => *(int*)((byte*)e + 64);
    public static int ButtonY(XEvent* e) => *(int*)((byte*)e + 68);
    public static ulong ButtonTime(XEvent* e) => *(ulong*)((byte*)e + 56);
    public static uint ButtonNumber(XEvent* e) => *(uint*)((byte*)e + 84);

    // XWindowAttributes: depth at 20, visual at 24.
    [StructLayout(LayoutKind.Sequential, Size = 136)]
    public struct XWindowAttributes
    {
        public int X, Y, Width, Height, BorderWidth, Depth;
        public IntPtr Visual;
    }

    [LibraryImport(Lib)] public static partial IntPtr XOpenDisplay(IntPtr name);
    [LibraryImport(Lib)] public static partial int XCloseDisplay(IntPtr display);
    [LibraryImport(Lib)] public static partial int XConnectionNumber(IntPtr display);
    [LibraryImport(Lib)] public static partial int XDefaultScreen(IntPtr display);
    [LibraryImport(Lib)] public static partial ulong XBlackPixel(IntPtr display, int screen);
    [LibraryImport(Lib)] public static partial ulong XCreateSimpleWindow(IntPtr display, ulong parent, int x, int y, uint width, uint height, uint borderWidth, ulong border, ulong background);
    [LibraryImport(Lib)] public static partial int XDestroyWindow(IntPtr display, ulong window);
    [LibraryImport(Lib)] public static partial int XSelectInput(IntPtr display, ulong window, long mask);
    [LibraryImport(Lib)] public static partial int XMapWindow(IntPtr display, ulong window);
    [LibraryImport(Lib)] public static partial int XResizeWindow(IntPtr display, ulong window, uint width, uint height);
    [LibraryImport(Lib)] public static partial int XFlush(IntPtr display);
    [LibraryImport(Lib)] public static partial int XPending(IntPtr display);
    [LibraryImport(Lib)] public static partial int XNextEvent(IntPtr display, XEvent* e);
    [LibraryImport(Lib)] public static partial int XGetWindowAttributes(IntPtr display, ulong window, XWindowAttributes* attributes);
    [LibraryImport(Lib)] public static partial IntPtr XCreateGC(IntPtr display, ulong drawable, ulong mask, IntPtr values);
    [LibraryImport(Lib)] public static partial int XFreeGC(IntPtr display, IntPtr gc);
    [LibraryImport(Lib)] public static partial IntPtr XCreateImage(IntPtr display, IntPtr visual, uint depth, int format, int offset, IntPtr data, uint width, uint height, int bitmapPad, int bytesPerLine);
    [LibraryImport(Lib)] public static partial int XPutImage(IntPtr display, ulong drawable, IntPtr gc, IntPtr image, int srcX, int srcY, int destX, int destY, uint width, uint height);
    [LibraryImport(Lib)] public static partial int XFree(IntPtr data);
}
