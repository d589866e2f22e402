using NeuralSynth.Engine.Effects;
using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// NeuralSynth FX: the model list, the loaded model's own knobs (with an XY pad over latent 1 and 2 for RAVE),
/// the mix controls, and input/output meters on the right.
/// </summary>
internal static class EffectLayout
{
    public static List<Widget> Build(EditorUi ui, EditorStatus status, SKRect area)
    {
        var model = ui.Model;
        var widgets = new List<Widget>();
        const float meterColumn = 70f, gap = 10f;
        var content = new SKRect(area.Left, area.Top, area.Right - meterColumn - gap, area.Bottom);

        // The editor shows where user models go; "Add model from disk…" copies one there (ModelBrowser).
        string? userFolder = model.UserModelFolder is { } folder ? "Your models: " + folder : null;
        var modelSection = new Section("Model", userFolder) { Bounds = new SKRect(content.Left, content.Top, content.Right, content.Top + 78) };
        widgets.Add(modelSection);
        var inner = Inset(modelSection.Bounds);
        const float addWidth = 170f;
        var listArea = new SKRect(inner.Left, inner.Top, inner.Right - addWidth - gap, inner.Bottom);
        if (model.Has(ParameterIds.Model))
            widgets.Add(new ChoiceBox(ParameterIds.Model, "Effect model (bundled and user models)") { Bounds = new SKRect(listArea.Left, listArea.Top, listArea.Right, listArea.Top + ChoiceBox.Height) });
        else
            widgets.Add(new Note("No effect models were found: add one from disk, or put .nam, .json, .onnx files or RAVE folders in your user model folder, then restart the host.") { Bounds = listArea });
        widgets.Add(new TextButton("Add model from disk…", u => u.OpenPopup(new ModelBrowser(u, u.Model.HomeFolder)))
        {
            Bounds = new SKRect(inner.Right - addWidth, inner.Top + 16, inner.Right, inner.Top + ChoiceBox.Height),
        });

        float mixTop = content.Bottom - 136;
        var knobSection = new Section("Model controls") { Bounds = new SKRect(content.Left, modelSection.Bounds.Bottom + gap, content.Right, mixTop - gap) };
        widgets.Add(knobSection);
        var knobArea = Inset(knobSection.Bounds);
        int named = Math.Min(status.KnobNames.Count, EffectParameters.KnobCount);
        var knobs = new List<Widget>();
        int firstKnob = 0;
        if (status.RaveMode && named >= 2)
        {
            float side = Math.Min(knobArea.Height, 220f);
            widgets.Add(new XyPad(EffectParameters.Knob1, EffectParameters.Knob1 + 1, "Latent space") { Bounds = new SKRect(knobArea.Left, knobArea.Top, knobArea.Left + side, knobArea.Top + side) });
            knobArea = new SKRect(knobArea.Left + side + 16, knobArea.Top, knobArea.Right, knobArea.Bottom);
            firstKnob = 2;
        }
        for (int k = firstKnob; k < named; k++) knobs.Add(new Knob((uint)(EffectParameters.Knob1 + k)));
        if (named == 0)
            widgets.Add(new Note(status.ModelName is null ? "Choose a model above: its own knobs appear here." : "This model has no knobs.") { Bounds = knobArea });
        FlowLayout.Place(knobs, knobArea, Knob.Width, Knob.Height);
        widgets.AddRange(knobs);

        var mixSection = new Section("Mix") { Bounds = new SKRect(content.Left, mixTop, content.Right, content.Bottom) };
        widgets.Add(mixSection);
        var mixArea = Inset(mixSection.Bounds);
        var mix = new List<Widget>
        {
            new Knob(EffectParameters.InputGain, "Input"),
            new Knob(EffectParameters.OutputGain, "Output"),
            new Knob(EffectParameters.Mix, "Dry/Wet"),
        };
        FlowLayout.Place(mix, mixArea, Knob.Width, Knob.Height);
        widgets.AddRange(mix);
        float toggleLeft = mixArea.Left + 3 * (Knob.Width + gap) + 10;
        widgets.Add(new Toggle(EffectParameters.Bypass, "Bypass") { Bounds = new SKRect(toggleLeft, mixArea.Top + 30, Math.Min(toggleLeft + 120, mixArea.Right), mixArea.Top + 30 + Toggle.Height) });

        AddMeters(widgets, new SKRect(area.Right - meterColumn, area.Top, area.Right, area.Bottom), input: true);
        return widgets;
    }

    /// <summary>The meter column: input and output peak meters side by side.</summary>
    public static void AddMeters(List<Widget> widgets, SKRect column, bool input)
    {
        var section = new Section("Level") { Bounds = column };
        widgets.Add(section);
        var bars = new SKRect(column.Left + 10, column.Top + 28, column.Right - 10, column.Bottom - 8);
        if (input)
        {
            widgets.Add(new LevelMeter("IN", l => l.InputDb) { Bounds = new SKRect(bars.Left, bars.Top, bars.Left + LevelMeter.Width, bars.Bottom) });
            widgets.Add(new LevelMeter("OUT", l => l.OutputDb) { Bounds = new SKRect(bars.Right - LevelMeter.Width, bars.Top, bars.Right, bars.Bottom) });
        }
        else
            widgets.Add(new LevelMeter("OUT", l => l.OutputDb) { Bounds = new SKRect(bars.MidX - LevelMeter.Width / 2, bars.Top, bars.MidX + LevelMeter.Width / 2, bars.Bottom) });
    }

    /// <summary>A section's inside: below its title, inside its padding.</summary>
    public static SKRect Inset(SKRect section) => new(section.Left + 12, section.Top + 26, section.Right - 12, section.Bottom - 8);
}
