using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The editor's typeface: DejaVu Sans, embedded in the assembly. The bundle's libSkiaSharp is the build without
/// fontconfig (no system dependencies), so it cannot look fonts up; an embedded font also makes the drawing the
/// same on every machine, which the golden-image test relies on.
/// </summary>
internal static class EditorFont
{
    private static readonly Lazy<SKTypeface> Shared = new(Load);

    public static SKTypeface Typeface => Shared.Value;

    public static SKFont Create(float size) => new(Typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface Load()
    {
        using var stream = typeof(EditorFont).Assembly.GetManifestResourceStream("NeuralSynth.Vst3.Editor.DejaVuSans.ttf");
        if (stream is null) return SKTypeface.Default;
        using var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? SKTypeface.Default;
    }
}
