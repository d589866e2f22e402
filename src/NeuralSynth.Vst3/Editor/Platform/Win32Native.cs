using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>The user32/gdi32 calls of the Windows editor window (source-generated P/Invokes: NativeAOT-safe).</summary>
internal static unsafe partial class Win32Native
{
    public const uint WsChild = 0x40000000, WsVisible = 0x10000000, WsClipSiblings = 0x04000000;
    public const uint CsDblClks = 0x0008, CsOwnDC = 0x0020;
    public const uint WmDestroy = 0x0002, WmPaint = 0x000F, WmEraseBkgnd = 0x0014, WmTimer = 0x0113, WmMouseMove = 0x0200,
        WmLButtonDown = 0x0201, WmLButtonUp = 0x0202, WmLButtonDblClk = 0x0203, WmMouseWheel = 0x020A;
    public const int GwlpUserData = -21;
    public const uint DibRgbColors = 0, SwpNoMove = 0x0002, SwpNoZOrder = 0x0004;

    [StructLayout(LayoutKind.Sequential)]
    public struct WndClassExW
    {
        public uint Size, Style;
        public IntPtr WndProc;
        public int ClassExtra, WindowExtra;
        public IntPtr Instance, Icon, Cursor, Background;
        public char* MenuName, ClassName;
        public IntPtr IconSmall;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PaintStruct
    {
        public IntPtr Dc;
        public int Erase;
        public int Left, Top, Right, Bottom;
        public int Restore, IncUpdate;
        public fixed byte Reserved[32];
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct BitmapInfoHeader
    {
        public uint Size;
        public int Width, Height;
        public ushort Planes, BitCount;
        public uint Compression, SizeImage;
        public int XPelsPerMeter, YPelsPerMeter;
        public uint ClrUsed, ClrImportant;
    }

    [LibraryImport("user32.dll")] public static partial ushort RegisterClassExW(WndClassExW* windowClass);
    [LibraryImport("user32.dll")] public static partial IntPtr CreateWindowExW(uint exStyle, char* className, char* windowName, uint style, int x, int y, int width, int height, IntPtr parent, IntPtr menu, IntPtr instance, IntPtr param);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool DestroyWindow(IntPtr window);
    [LibraryImport("user32.dll")] public static partial IntPtr DefWindowProcW(IntPtr window, uint message, IntPtr wParam, IntPtr lParam);
    [LibraryImport("user32.dll")] public static partial IntPtr SetWindowLongPtrW(IntPtr window, int index, IntPtr value);
    [LibraryImport("user32.dll")] public static partial IntPtr GetWindowLongPtrW(IntPtr window, int index);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool SetWindowPos(IntPtr window, IntPtr after, int x, int y, int width, int height, uint flags);
    [LibraryImport("user32.dll")] public static partial nuint SetTimer(IntPtr window, nuint id, uint milliseconds, IntPtr callback);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool KillTimer(IntPtr window, nuint id);
    [LibraryImport("user32.dll")] public static partial IntPtr BeginPaint(IntPtr window, PaintStruct* paint);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool EndPaint(IntPtr window, PaintStruct* paint);
    [LibraryImport("user32.dll")] public static partial IntPtr GetDC(IntPtr window);
    [LibraryImport("user32.dll")] public static partial int ReleaseDC(IntPtr window, IntPtr dc);
    [LibraryImport("user32.dll")] public static partial IntPtr SetCapture(IntPtr window);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool ReleaseCapture();
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool ScreenToClient(IntPtr window, int* point);
    [LibraryImport("user32.dll")] [return: MarshalAs(UnmanagedType.Bool)] public static partial bool InvalidateRect(IntPtr window, IntPtr rect, [MarshalAs(UnmanagedType.Bool)] bool erase);
    [LibraryImport("gdi32.dll")] public static partial int SetDIBitsToDevice(IntPtr dc, int x, int y, uint width, uint height, int srcX, int srcY, uint startScan, uint lines, IntPtr bits, BitmapInfoHeader* info, uint usage);
    [LibraryImport("kernel32.dll")] public static partial IntPtr GetModuleHandleW(char* name);
}
