namespace NeuralSynth.Vst3.Editor.Platform;

/// <summary>What a native window reports to the editor, on the host's UI thread. Coordinates are window pixels.</summary>
internal interface IEditorInput
{
    void MouseDown(int x, int y, bool doubleClick);
    void MouseMove(int x, int y);
    void MouseUp(int x, int y);
    /// <summary>Wheel notches; positive is away from the user.</summary>
    void Wheel(int x, int y, float notches);
    /// <summary>The window's contents were lost (uncovered, mapped): show the last frame again.</summary>
    void Exposed();
    /// <summary>The ~30 Hz timer: poll meters and model status, redraw if anything changed.</summary>
    void Tick();
}
