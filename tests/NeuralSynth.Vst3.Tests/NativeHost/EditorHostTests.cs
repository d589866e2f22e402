using System.Diagnostics;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Product.Transcription;
using NeuralSynth.Vst3.Editor.Ui;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Editor;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests.NativeHost;

/// <summary>
/// The plug-in's editor inside a real JUCE host (native/host `editor`): opened and closed 100 times with resizes
/// while audio runs, a control dragged with X pointer events (the host must see the parameter move as a
/// gesture), a host-side change that must redraw the editor, and a screenshot per plug-in in the test output
/// (editor-screenshots/). Runs under Xvfb when there is no display (xvfb-run; the screen must be 24-bit).
/// </summary>
[Trait("Category", "Editor")] // build.vst3.ps1 runs this category under xvfb-run
public sealed class EditorHostTests(ITestOutputHelper log)
{
    [NativeHostTheory]
    [InlineData("NeuralSynth FX")]
    [InlineData("NeuralSynth")]
    [InlineData("NeuralSynth Audio to MIDI")]
    public void Editor_opens_closes_resizes_and_edits_while_processing(string className)
    {
        var (kind, id) = className switch
        {
            "NeuralSynth FX" => (PluginKind.Effect, (uint)EffectParameters.InputGain),
            "NeuralSynth" => (PluginKind.Instrument, (uint)SynthParameters.MasterGain),
            _ => (PluginKind.AudioToMidi, (uint)AudioToMidiParameters.AudioThru),
        };
        // Where the control is: the editor's own layout at its default size (what the host opens it at).
        var ui = new EditorUi(new FixedEditorModel(EditorFixtures.Controller(kind), EditorFixtures.InstrumentStatus));
        ui.SetSize(EditorUi.DefaultSize(kind));
        var widget = ui.Widgets.Single(w => w is Knob k && k.Id == id || w is Toggle t && t.Id == id);
        int x = (int)widget.Bounds.MidX, y = widget is Knob ? (int)widget.Bounds.Top + 30 : (int)widget.Bounds.MidY;
        int toY = widget is Knob ? y - 60 : y;

        string screenshot = Path.Combine(AppContext.BaseDirectory, "editor-screenshots", className.Replace(' ', '-') + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        List<string> arguments = ["editor", NativeHostRunner.Bundle!, "--class", className, "--count", "100",
            "--drag", $"{x},{y},{x},{toY}", "--param", id.ToString(), "--screenshot", screenshot];
        if (kind == PluginKind.Effect)
        {
            // The model list's right arrow: the next bundled model loads, and the editor shows it.
            var box = ui.Widgets.OfType<ChoiceBox>().Single(b => b.Id == ParameterIds.Model);
            arguments.AddRange(["--click", $"{(int)box.Bounds.Right - 10},{(int)box.Bounds.Bottom - 15}", "--click-param", ParameterIds.Model.ToString(),
                "--click-screenshot", screenshot.Replace(".png", "-model-loaded.png")]);
        }
        var start = Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 }
            ? new ProcessStartInfo(NativeHostRunner.HostExecutable!)
            : new ProcessStartInfo("xvfb-run") { ArgumentList = { "-a", "-s", "-screen 0 1600x1200x24", NativeHostRunner.HostExecutable! } };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        var (exitCode, output) = Harness.ChildProcess.Run(start, TimeSpan.FromMinutes(8));
        log.WriteLine($"$ {start.FileName} {string.Join(' ', start.ArgumentList)}");
        log.WriteLine(output);
        Assert.True(exitCode == 0, $"host exited with {exitCode}:\n{output}");
        Assert.True(File.Exists(screenshot), "no screenshot written");
        Assert.Contains("opened and closed 100 times", output);
        if (kind == PluginKind.Effect) Assert.Contains("click: parameter", output);
    }
}
