using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// One control of the editor: where it is, how it draws, how it reacts to the mouse. Coordinates are logical
/// pixels (the content scale is applied to the whole canvas). Widgets hold no parameter values: they read the
/// model when drawing, so a value the host changes shows on the next frame.
/// </summary>
internal abstract class Widget
{
    public SKRect Bounds { get; set; }

    public abstract void Draw(SKCanvas canvas, EditorUi ui);

    /// <summary>True when the widget takes the press (it then receives the drag and the release).</summary>
    public virtual bool MouseDown(SKPoint point, bool doubleClick, EditorUi ui) => false;
    public virtual void Drag(SKPoint point, EditorUi ui) { }
    public virtual void MouseUp(SKPoint point, EditorUi ui) { }
    public virtual void Wheel(float notches, EditorUi ui) { }

    /// <summary>Called on every timer tick before the redraw decision: for work that finishes later (a background copy).</summary>
    public virtual void Poll(EditorUi ui) { }

    /// <summary>Adds whatever this widget shows to the frame's fingerprint: a frame is drawn only when it changes.</summary>
    public virtual void Fingerprint(ref HashCode hash, EditorUi ui) { }
}
