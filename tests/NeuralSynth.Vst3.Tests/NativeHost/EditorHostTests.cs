using System.Diagnostics;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Product.Models;
using NeuralSynth.Product.Transcription;
using NeuralSynth.Vst3.Editor;
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
        string output = RunHost(arguments, new Dictionary<string, string>());
        Assert.True(File.Exists(screenshot), "no screenshot written");
        Assert.Contains("opened and closed 100 times", output);
        if (kind == PluginKind.Effect) Assert.Contains("click: parameter", output);
    }

    /// <summary>
    /// Issue #18's "load a capture from disk through it", in the host: X clicks on "Add model from disk…" and on a
    /// .nam file in the browser (a temporary $HOME) copy it into the user model folder (a temporary XDG_DATA_HOME,
    /// empty when the plug-in loaded, so its list lacks the capture) and make it the Effect Model at once. The host
    /// then saves the instance's state and restores it into a new instance, which must show the same model and sound
    /// unlike a fresh instance.
    /// </summary>
    [NativeHostFact]
    public void A_capture_loaded_from_disk_in_the_editor_plays_and_survives_a_session_round_trip()
    {
        string root = Directory.CreateTempSubdirectory("neuralsynth-editor-disk-").FullName;
        try
        {
            string home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName, data = Path.Combine(root, "data");
            File.Copy(Path.Combine(TestPaths.RepositoryRoot, "models/nam/lstm.nam"), Path.Combine(home, "lstm.nam"));
            string? Environment(string name) => name switch { "HOME" => home, "XDG_DATA_HOME" => data, _ => null };

            // Where to click: the editor's own layout at its default size, with the browser open on that $HOME.
            var ui = new EditorUi(new ControllerEditorModel(EditorFixtures.Controller(PluginKind.Effect), Environment));
            ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
            var button = ui.Widgets.OfType<TextButton>().Single(b => b.Text.StartsWith("Add model from disk"));
            ui.MouseDown(new SkiaSharp.SKPoint(button.Bounds.MidX, button.Bounds.MidY), false);
            var browser = Assert.IsType<ModelBrowser>(ui.Popup);
            var row = browser.RowBounds(browser.Listing.Entries.ToList().FindIndex(e => e.Name == "lstm.nam"));
            Assert.False(row.IsEmpty);

            string screenshot = Path.Combine(AppContext.BaseDirectory, "editor-screenshots", "NeuralSynth-FX-model-from-disk.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            string output = RunHost(["editor", NativeHostRunner.Bundle!, "--class", "NeuralSynth FX", "--count", "1",
                "--click", $"{(int)button.Bounds.MidX},{(int)button.Bounds.MidY};{(int)row.MidX},{(int)row.MidY}",
                "--click-param", ParameterIds.Model.ToString(), "--click-screenshot", screenshot, "--restore-check"],
                new Dictionary<string, string> { ["HOME"] = home, ["XDG_DATA_HOME"] = data });

            Assert.True(File.Exists(Path.Combine(data, "NeuralSynth", "models", "lstm.nam")), "the capture was not copied into the user model folder");
            Assert.Contains("-> 1 (NAM: lstm (user))", output); // the last value: the instance's model from disk
            var restore = System.Text.RegularExpressions.Regex.Match(output, "-> restored \"([^\"]*)\"; restored vs fresh instance: largest sample difference ([0-9.e+-]+)");
            Assert.True(restore.Success, "no restore line in the host's output");
            Assert.Equal("NAM: lstm (user)", restore.Groups[1].Value);
            double difference = double.Parse(restore.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(difference > 0.05, $"the restored capture sounds like a fresh instance (largest difference {difference})");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Issue #18's "can play the RAVE pad", in the host: X clicks open the Effect Model list and choose RAVE, the host
    /// waits for its latency to be announced (the model loaded), and a drag on the XY pad must move Knob 1 (latent 1)
    /// as one gesture the host sees.
    /// </summary>
    [NativeHostFact]
    public void The_RAVE_pad_is_played_with_the_mouse_in_the_host()
    {
        string root = Directory.CreateTempSubdirectory("neuralsynth-editor-rave-").FullName;
        try
        {
            // The bundle's own models and no user ones (the host runs with an empty $HOME): the list the host shows.
            var library = ModelLibrary.Scan([new ModelRoot(Path.Combine(NativeHostRunner.Bundle!, "Contents", "Resources", "models"), IsUser: false)]);
            var controller = new Controller(new PluginDefinition(PluginKind.Effect, resourcesRoot: null, library));
            var ui = new EditorUi(new ControllerEditorModel(controller, _ => null));
            ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
            var box = ui.Widgets.OfType<ChoiceBox>().Single(b => b.Id == ParameterIds.Model);
            var open = new SkiaSharp.SKPoint(box.Bounds.MidX, box.Bounds.Bottom - 15);
            ui.MouseDown(open, false);
            var list = Assert.IsType<ChoicePopup>(ui.Popup);
            var names = controller.Definition.Parameters[controller.Definition.ModelParameterIndex].Spec.ValueNames!.ToList();
            var row = list.RowBounds(names.IndexOf("RAVE: fluid-small"));
            Assert.False(row.IsEmpty, "RAVE: fluid-small is not a visible row of the list");
            // Where RAVE mode puts the pad.
            var rave = new EditorUi(new FixedEditorModel(controller, EditorFixtures.RaveStatus));
            rave.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
            var pad = rave.Widgets.OfType<XyPad>().Single().Bounds;

            string screenshot = Path.Combine(AppContext.BaseDirectory, "editor-screenshots", "NeuralSynth-FX-RAVE-pad.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            string output = RunHost(["editor", NativeHostRunner.Bundle!, "--class", "NeuralSynth FX", "--count", "1",
                "--click", $"{(int)open.X},{(int)open.Y};{(int)row.MidX},{(int)row.MidY}", "--click-param", ParameterIds.Model.ToString(), "--wait-latency",
                "--pad", $"{(int)pad.MidX},{(int)pad.MidY},{(int)pad.MidX + 40},{(int)pad.MidY - 40}", "--pad-param", EffectParameters.Knob1.ToString(),
                "--click-screenshot", screenshot],
                new Dictionary<string, string> { ["HOME"] = Directory.CreateDirectory(Path.Combine(root, "home")).FullName, ["XDG_DATA_HOME"] = Path.Combine(root, "data") });

            Assert.Contains("(RAVE: fluid-small)", output);
            Assert.Matches("latency: [1-9][0-9]* samples", output);
            Assert.Contains($"pad: parameter {EffectParameters.Knob1} ", output);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    // The host's editor command on the display this test runs under, or on its own Xvfb when there is none.
    private string RunHost(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = System.Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 }
            ? new ProcessStartInfo(NativeHostRunner.HostExecutable!)
            : new ProcessStartInfo("xvfb-run") { ArgumentList = { "-a", "-s", "-screen 0 1600x1200x24", NativeHostRunner.HostExecutable! } };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var (exitCode, output) = Harness.ChildProcess.Run(start, TimeSpan.FromMinutes(8));
        log.WriteLine($"$ {start.FileName} {string.Join(' ', start.ArgumentList)}");
        log.WriteLine(output);
        Assert.True(exitCode == 0, $"host exited with {exitCode}:\n{output}");
        return output;
    }
}
