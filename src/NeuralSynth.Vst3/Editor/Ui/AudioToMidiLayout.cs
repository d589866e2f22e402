using NeuralSynth.Vst3.Plugin;
using SkiaSharp;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>NeuralSynth Audio to MIDI: its few parameters (generic: toggles, lists, knobs) and the input meter.</summary>
internal static class AudioToMidiLayout
{
    public static List<Widget> Build(EditorUi ui, SKRect area)
    {
        var model = ui.Model;
        var widgets = new List<Widget>();
        const float meterColumn = 70f, gap = 10f;
        var section = new Section("Transcription") { Bounds = new SKRect(area.Left, area.Top, area.Right - meterColumn - gap, area.Bottom) };
        widgets.Add(section);
        var inner = EffectLayout.Inset(section.Bounds);
        var toggles = new List<Widget>();
        var others = new List<Widget>();
        foreach (uint id in model.EngineParameters)
        {
            if (model.Choices(id) != null) others.Add(new ChoiceBox(id));
            else if (model.StepCount(id) == 1) toggles.Add(new Toggle(id));
            else others.Add(new Knob(id));
        }
        float y = FlowLayout.Place(toggles, inner, 160, Toggle.Height);
        widgets.AddRange(toggles);
        FlowLayout.Place(others, new SKRect(inner.Left, y + gap, inner.Right, inner.Bottom), Knob.Width, Knob.Height);
        widgets.AddRange(others);
        widgets.Add(new Note("Notes are sent on the plug-in's MIDI output: route it to an instrument track to hear them.")
            { Bounds = new SKRect(inner.Left, inner.Bottom - 36, inner.Right, inner.Bottom) });
        EffectLayout.AddMeters(widgets, new SKRect(area.Right - meterColumn, area.Top, area.Right, area.Bottom), input: true);
        return widgets;
    }
}
