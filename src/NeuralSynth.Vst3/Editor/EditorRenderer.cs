using NeuralSynth.Vst3.Editor.Ui;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor;

/// <summary>
/// Draws an editor into a CPU bitmap: the one path shared by the plug-in's window and the offscreen golden-image
/// test, so what the test compares is what the user sees.
/// </summary>
internal static class EditorRenderer
{
    public static void Render(EditorUi ui, SKBitmap target, float scale)
    {
        using var canvas = new SKCanvas(target);
        canvas.Scale(scale);
        ui.Render(canvas);
        canvas.Flush();
    }

    /// <summary>A new frame of the editor over <paramref name="model"/> at a logical size and scale.</summary>
    public static SKBitmap RenderOffscreen(IEditorModel model, int width, int height, float scale = 1f)
    {
        var ui = new EditorUi(model);
        ui.SetSize(new SKSize(width, height));
        ui.Update();
        var bitmap = new SKBitmap(new SKImageInfo((int)MathF.Round(width * scale), (int)MathF.Round(height * scale), SKColorType.Bgra8888, SKAlphaType.Premul));
        Render(ui, bitmap, scale);
        return bitmap;
    }
}
