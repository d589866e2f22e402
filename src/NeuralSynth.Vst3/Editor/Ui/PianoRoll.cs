using NeuralSynth.Generation.Api;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The last eight seconds of notes scrolling right to left: what the player played (blue) and what the live
/// composer generated (amber), so "Continue what I play" can be seen answering.
/// </summary>
internal sealed class PianoRoll : Widget
{
    public override void Draw(SKCanvas canvas, EditorUi ui)
    {
        var notes = ui.Notes;
        using (var fill = Ink.Fill(Theme.Background)) canvas.DrawRoundRect(Bounds, 6, 6, fill);
        Ink.Text(canvas, "● played", Bounds.Right - 130, Bounds.Top - 6, Theme.ValueSize, Theme.Accent);
        Ink.Text(canvas, "● generated", Bounds.Right - 70, Bounds.Top - 6, Theme.ValueSize, Theme.Warn);
        if (notes.Bars.Count == 0 || notes.SampleRate <= 0)
        {
            Ink.Text(canvas, notes.Available ? "Play or start the generator: notes appear here." : "No notes yet.", Bounds.MidX, Bounds.MidY + 4,
                Theme.LabelSize, Theme.TextDim, SKTextAlign.Center);
            return;
        }
        int low = notes.Bars.Min(b => b.Pitch), high = notes.Bars.Max(b => b.Pitch);
        int center = (low + high) / 2, span = Math.Max(24, high - low + 4);
        low = center - span / 2;
        float rowHeight = Bounds.Height / span;
        double window = NoteHistory.WindowSeconds * notes.SampleRate;
        float X(long sample) => Bounds.Right - (float)((notes.Position - sample) / window) * Bounds.Width;

        using (var octave = Ink.Stroke(Theme.Track, 1f))
            for (int pitch = low; pitch < low + span; pitch++)
                if (pitch % 12 == 0)
                {
                    float y = Bounds.Bottom - (pitch - low + 1) * rowHeight;
                    canvas.DrawLine(Bounds.Left + 2, y + rowHeight, Bounds.Right - 2, y + rowHeight, octave);
                    Ink.Text(canvas, $"C{pitch / 12 - 1}", Bounds.Left + 4, y + rowHeight - 2, 9, Theme.TextDim);
                }
        canvas.Save();
        canvas.ClipRect(Bounds);
        foreach (var bar in notes.Bars)
        {
            float left = Math.Max(Bounds.Left, X(bar.Start)), right = X(bar.Sounding ? notes.Position : bar.End);
            if (right < Bounds.Left) continue;
            float y = Bounds.Bottom - (bar.Pitch - low + 1) * rowHeight;
            using var paint = Ink.Fill(bar.Generated ? Theme.Warn : Theme.Accent);
            canvas.DrawRoundRect(new SKRect(left, y + 0.5f, Math.Max(right, left + 2), y + Math.Max(2f, rowHeight - 0.5f)), 2, 2, paint);
        }
        canvas.Restore();
    }

    public override void Fingerprint(ref HashCode hash, EditorUi ui)
    {
        hash.Add(ui.Notes.Bars.Count);
        hash.Add(ui.Notes.Bars.Count > 0 ? ui.Notes.Position / 1600 : 0); // scrolls in ~1/30 s steps at 48 kHz
    }
}
