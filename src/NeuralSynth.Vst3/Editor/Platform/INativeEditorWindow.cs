using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>
/// The editor's child window inside the host's parent window (X11 or Win32). It only shows pixels we drew and
/// forwards input; it also owns the ~30 Hz timer, since each platform has its own way of running one on the UI thread.
/// </summary>
internal interface INativeEditorWindow : IDisposable
{
    void SetSize(int width, int height);
    /// <summary>Copies the frame into the window (BGRA premultiplied, the window's size).</summary>
    void Present(SKBitmap frame);
}

/// <summary>Frames per second of the editor's timer: meters move smoothly, and at most this many redraws happen.</summary>
internal static class EditorTiming
{
    public const int TimerMilliseconds = 33;
}
