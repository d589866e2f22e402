using System.Runtime.InteropServices;

namespace NeuralSynth.Vst3.Abi;

/// <summary>VST3 ViewRect (iplugview.h): four int32, in the host's pixels (physical on HiDPI; see IPlugViewContentScaleSupport).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ViewRect
{
    public int Left, Top, Right, Bottom;

    public readonly int Width => Right - Left;
    public readonly int Height => Bottom - Top;

    public static ViewRect Of(int width, int height) => new() { Right = width, Bottom = height };
}

/// <summary>The platform type strings of iplugview.h that this module answers.</summary>
internal static class PlatformTypes
{
    public const string X11EmbedWindowId = "X11EmbedWindowID";
    public const string Hwnd = "HWND";
}
