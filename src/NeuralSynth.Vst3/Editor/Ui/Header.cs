using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The top of every editor: the plug-in's name, a status light, the loaded model with its latency, and any
/// problem in words (the Status parameter's text: a model that failed to load, a session restored without its model).
/// </summary>
internal static class Header
{
    public const float Height = 86f;

    public static string PluginName(PluginKind kind) => kind switch
    {
        PluginKind.Instrument => "NeuralSynth",
        PluginKind.Effect => "NeuralSynth FX",
        _ => "NeuralSynth Audio to MIDI",
    };

    public static void Draw(SKCanvas canvas, EditorUi ui, EditorStatus status)
    {
        float width = ui.Size.Width, pad = Theme.Padding;
        using (var bar = Ink.Fill(Theme.Panel)) canvas.DrawRect(0, 0, width, 44, bar);
        using (var line = Ink.Stroke(Theme.PanelEdge, 1f)) canvas.DrawLine(0, 44, width, 44, line);
        Ink.Text(canvas, PluginName(ui.Model.Kind), pad, 29, Theme.TitleSize, Theme.Text);

        string? problem = ui.EditorProblem is { } own ? (status.Problem is { } p ? own + "; " + p : own) : status.Problem;
        bool ok = problem is null;
        string pill = ok ? "OK" : "Problem";
        using (var font = EditorFont.Create(Theme.LabelSize))
        {
            float pillWidth = font.MeasureText(pill) + 30;
            var rect = new SKRect(width - pad - pillWidth, 11, width - pad, 33);
            using (var fill = Ink.Fill(ok ? Theme.Good.WithAlpha(40) : Theme.Error.WithAlpha(50))) canvas.DrawRoundRect(rect, 11, 11, fill);
            using (var light = Ink.Fill(ok ? Theme.Good : Theme.Error)) canvas.DrawCircle(rect.Left + 12, rect.MidY, 4, light);
            Ink.Text(canvas, pill, rect.Left + 21, rect.MidY + 4.5f, Theme.LabelSize, Theme.Text);
        }

        string info = ui.Model.Kind switch
        {
            PluginKind.Effect => status.ModelName is { } name ? $"Model: {name}" : "No model loaded",
            PluginKind.Instrument => status.ModelName is { } source ? $"Sound source: {source}" : "Sound source: Additive",
            _ => "Audio in, notes out",
        };
        info += $"   ·   Latency {status.LatencyMs:0.0} ms";
        Ink.Text(canvas, info, pad, 62, Theme.LabelSize, Theme.TextDim, SKTextAlign.Left, width - 2 * pad);
        if (problem != null)
            Ink.Text(canvas, problem, pad, 79, Theme.LabelSize, Theme.Error, SKTextAlign.Left, width - 2 * pad);
    }
}
