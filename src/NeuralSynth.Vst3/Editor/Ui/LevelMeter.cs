using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>A vertical peak meter, -60..+6 dBFS, fed by the audio thread's level ring (see <see cref="EditorLevels"/>).</summary>
internal sealed class LevelMeter(string label, Func<EditorLevels, float> level) : Widget
{
    public const float Width = 22f;
    private const float FloorDb = -60f, CeilingDb = 6f;

    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        var bar = new SKRect(Bounds.Left, Bounds.Top, Bounds.Right, Bounds.Bottom - 16);
        using (var fill = Ink.Fill(Theme.Background)) canvas.DrawRoundRect(bar, 4, 4, fill);
        float db = level(ui.Levels);
        float fraction = Math.Clamp((db - FloorDb) / (CeilingDb - FloorDb), 0f, 1f);
        if (fraction > 0)
        {
            var lit = new SKRect(bar.Left + 3, bar.Bottom - 3 - (bar.Height - 6) * fraction, bar.Right - 3, bar.Bottom - 3);
            using var paint = Ink.Fill(db > 0 ? Theme.Error : db > -6 ? Theme.Warn : Theme.Good);
            canvas.DrawRoundRect(lit, 2, 2, paint);
        }
        float zero = bar.Bottom - 3 - (bar.Height - 6) * (-FloorDb / (CeilingDb - FloorDb));
        using (var tick = Ink.Stroke(Theme.TextDim, 1f)) canvas.DrawLine(bar.Left, zero, bar.Right, zero, tick);
        Ink.Text(canvas, label, Bounds.MidX, Bounds.Bottom - 3, Theme.ValueSize, Theme.TextDim, SKTextAlign.Center);
    }

    /// <summary>Half-decibel steps: the meter redraws when the bar would visibly move, not on every reading.</summary>
    public override void Fingerprint(ref HashCode hash, EditorUi ui) => hash.Add((int)MathF.Round(Math.Max(level(ui.Levels), FloorDb - 1) * 2));
}
