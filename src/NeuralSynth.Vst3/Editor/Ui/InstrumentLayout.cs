using NeuralSynth.Generation.Api;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// NeuralSynth (instrument): sound source and preset, the main expression and timbre knobs, the live
/// generator's panel (on/off, continue what I play, key, mode, emotion, temperature, density), an output meter.
/// </summary>
internal static class InstrumentLayout
{
    /// <summary>The knobs a player reaches for first; everything else stays in the host's parameter list.</summary>
    private static readonly int[] MainKnobs =
    [
        SynthParameters.MasterGain, SynthParameters.ExpressionLoudness, SynthParameters.ExpressionRange, SynthParameters.Brightness,
        SynthParameters.SpectralTilt, SynthParameters.NoiseLevel, SynthParameters.Attack, SynthParameters.Release,
        SynthParameters.VibratoDepth,
    ];

    public static List<Widget> Build(EditorUi ui, SKRect area)
    {
        var model = ui.Model;
        var widgets = new List<Widget>();
        const float meterColumn = 70f, gap = 10f;
        var content = new SKRect(area.Left, area.Top, area.Right - meterColumn - gap, area.Bottom);

        var sound = new Section("Sound") { Bounds = new SKRect(content.Left, content.Top, content.Right, content.Top + 78) };
        widgets.Add(sound);
        var inner = EffectLayout.Inset(sound.Bounds);
        var selectors = new List<Widget>();
        if (model.Has(ParameterIds.SoundSource)) selectors.Add(new ChoiceBox(ParameterIds.SoundSource, "Sound source"));
        if (model.Has(ParameterIds.Program)) selectors.Add(new ChoiceBox(ParameterIds.Program, "Preset"));
        if (selectors.Count > 0) FlowLayout.Place(selectors, inner, (inner.Width - gap * (selectors.Count - 1)) / selectors.Count, ChoiceBox.Height);
        widgets.AddRange(selectors);

        float generatorTop = content.Bottom - 140;
        var timbre = new Section("Expression & timbre") { Bounds = new SKRect(content.Left, sound.Bounds.Bottom + gap, content.Right, generatorTop - gap) };
        widgets.Add(timbre);
        var knobs = MainKnobs.Where(id => model.Has((uint)id)).Select(id => (Widget)new Knob((uint)id)).ToList();
        var timbreArea = EffectLayout.Inset(timbre.Bounds);
        float knobsBottom = FlowLayout.Place(knobs, timbreArea, Knob.Width, Knob.Height);
        widgets.AddRange(knobs);
        // The piano roll takes what the knobs leave (a window wide enough for one row of knobs gives it the most).
        if (timbreArea.Bottom - knobsBottom >= 50)
            widgets.Add(new PianoRoll { Bounds = new SKRect(timbreArea.Left, knobsBottom + 18, timbreArea.Right, timbreArea.Bottom) });

        var generator = new Section("Generator (live composer)") { Bounds = new SKRect(content.Left, generatorTop, content.Right, content.Bottom) };
        widgets.Add(generator);
        var g = EffectLayout.Inset(generator.Bounds);
        var toggles = new List<Widget> { new Toggle(GeneratorParameters.Enabled, "Generator on"), new Toggle(GeneratorParameters.ContinueWhatIPlay, "Continue what I play") };
        float togglesBottom = FlowLayout.Place(toggles, new SKRect(g.Left, g.Top, g.Left + 190, g.Bottom), 190, Toggle.Height, 8);
        widgets.AddRange(toggles);
        var choices = new List<Widget>
        {
            new ChoiceBox(GeneratorParameters.KeyTonic, "Key"),
            new ChoiceBox(GeneratorParameters.KeyMode, "Mode"),
            new ChoiceBox(GeneratorParameters.EmotionQuadrant, "Emotion"),
        };
        var middle = new SKRect(g.Left + 206, g.Top, g.Right - 2 * (Knob.Width + gap), g.Bottom);
        FlowLayout.Place(choices, middle, Math.Max(120, (middle.Width - 2 * gap) / 3), ChoiceBox.Height);
        widgets.AddRange(choices);
        var genKnobs = new List<Widget> { new Knob(GeneratorParameters.Temperature, "Temperature"), new Knob(GeneratorParameters.Density, "Density") };
        FlowLayout.Place(genKnobs, new SKRect(g.Right - 2 * Knob.Width - gap, g.Top, g.Right, g.Bottom), Knob.Width, Knob.Height);
        widgets.AddRange(genKnobs);
        _ = togglesBottom;

        EffectLayout.AddMeters(widgets, new SKRect(area.Right - meterColumn, area.Top, area.Right, area.Bottom), input: false);
        return widgets;
    }
}
