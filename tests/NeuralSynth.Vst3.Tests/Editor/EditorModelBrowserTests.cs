using NeuralSynth.Product.Models;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Editor;
using NeuralSynth.Vst3.Editor.Browse;
using NeuralSynth.Vst3.Editor.Ui;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;
using SkiaSharp;

namespace NeuralSynth.Vst3.Tests.Editor;

/// <summary>
/// Issue #18, "the user can load a capture from disk through it": the editor's model browser driven by simulated
/// clicks over a temporary home folder, copying into a temporary user model folder (XDG_DATA_HOME).
/// </summary>
public sealed unsafe class EditorModelBrowserTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("neuralsynth-browser-").FullName;
    private readonly string _home, _captures, _userModels;
    private readonly byte[] _lstm = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "models/nam/lstm.nam"));

    public EditorModelBrowserTests()
    {
        _home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        _captures = Directory.CreateDirectory(Path.Combine(_home, "captures")).FullName;
        Directory.CreateDirectory(Path.Combine(_captures, "sub"));
        Directory.CreateDirectory(Path.Combine(_captures, "vintage"));
        File.WriteAllText(Path.Combine(_captures, "vintage", "manifest.json"), """{"format":"neuralsynth-rave"}""");
        File.WriteAllBytes(Path.Combine(_captures, "lstm.nam"), _lstm);
        File.WriteAllText(Path.Combine(_captures, "notes.txt"), "not a model");
        _userModels = Path.Combine(_root, "data", "NeuralSynth", "models");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string? Environment(string name) => name switch
    {
        "XDG_DATA_HOME" => Path.Combine(_root, "data"),
        "HOME" or "USERPROFILE" => _home,
        "APPDATA" => Path.Combine(_root, "data"),
        _ => null,
    };

    private (EditorUi Ui, FakeComponentHandler Handler, Controller Controller) Editor(ModelLibrary? library = null)
    {
        var controller = library is null ? EditorFixtures.Controller(PluginKind.Effect) : new Controller(new PluginDefinition(PluginKind.Effect, null, library));
        var handler = new FakeComponentHandler();
        controller.SetComponentHandler(handler.Pointer);
        var ui = new EditorUi(new ControllerEditorModel(controller, Environment));
        ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
        return (ui, handler, controller);
    }

    private static void Click(EditorUi ui, SKRect rect)
    {
        var point = new SKPoint(rect.MidX, rect.MidY);
        ui.MouseDown(point, doubleClick: false);
        ui.MouseUp(point);
    }

    private static ModelBrowser OpenBrowser(EditorUi ui)
    {
        var button = ui.Widgets.OfType<TextButton>().Single(b => b.Text.StartsWith("Add model from disk"));
        Click(ui, button.Bounds);
        return Assert.IsType<ModelBrowser>(ui.Popup);
    }

    private static void ClickEntry(EditorUi ui, ModelBrowser browser, string name)
    {
        var entries = browser.Listing.Entries;
        int index = entries.ToList().FindIndex(e => e.Name == name);
        Assert.True(index >= 0, $"{name} is not listed in {browser.Listing.Folder}");
        Click(ui, browser.RowBounds(index));
    }

    [Fact]
    public void The_browser_starts_at_home_lists_folders_then_models_and_navigates()
    {
        var (ui, _, _) = Editor();
        var browser = OpenBrowser(ui);
        Assert.Equal(_home, browser.Listing.Folder);
        Assert.Equal(["..", "captures"], browser.Listing.Entries.Select(e => e.Name));

        ClickEntry(ui, browser, "captures");
        Assert.Equal(_captures, browser.Listing.Folder);
        Assert.Equal(
            [(BrowseEntryKind.Parent, ".."), (BrowseEntryKind.Folder, "sub"), (BrowseEntryKind.ModelFolder, "vintage"), (BrowseEntryKind.ModelFile, "lstm.nam")],
            browser.Listing.Entries.Select(e => (e.Kind, e.Name)));

        ClickEntry(ui, browser, "..");
        Assert.Equal(_home, browser.Listing.Folder);
        Click(ui, new SKRect(2, 2, 4, 4)); // outside the panel: closes it
        Assert.Null(ui.Popup);
    }

    // The plug-in as loaded before the user added anything: one bundled capture, the user folder not yet scanned.
    private static readonly ModelRoot Bundled = new(Path.Combine(TestPaths.RepositoryRoot, "models"), IsUser: false);
    private static ModelLibrary LoadedLibrary() =>
        ModelLibrary.Of(new ModelEntry(EffectModelKind.Nam, "dumble", Bundled, "nam/dumble.nam", Path.Combine(Bundled.Path, "nam", "dumble.nam")));

    /// <summary>A definition as a plug-in process builds it: its library, and the user model folder as it is now.</summary>
    private PluginDefinition Definition(ModelLibrary library) =>
        new(PluginKind.Effect, resourcesRoot: null, library, () => [new ModelRoot(_userModels, IsUser: true)]);

    private EditorUi EditorOf(PluginInstance plugin)
    {
        var ui = new EditorUi(new ControllerEditorModel(Com.ComObject.FromSlot<Controller>(plugin.Controller), Environment));
        ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
        return ui;
    }

    /// <summary>An effect instance whose editor's browser was used to add captures/lstm.nam.</summary>
    private (PluginInstance Plugin, EditorUi Ui, ModelBrowser Browser) AddCaptureInEditor()
    {
        var plugin = new PluginInstance(PluginKind.Effect, definition: Definition(LoadedLibrary()));
        var ui = EditorOf(plugin);
        var browser = OpenBrowser(ui);
        ClickEntry(ui, browser, "captures");
        ClickEntry(ui, browser, "lstm.nam");
        return (plugin, ui, browser);
    }

    private static float[][] Play(PluginInstance plugin)
    {
        var sine = Enumerable.Range(0, 512).Select(i => 0.4f * MathF.Sin(2 * MathF.PI * 220 * i / 48000f)).ToArray();
        float[][] output = [];
        for (int block = 0; block < 8; block++) output = plugin.Process(512, input: sine);
        return output;
    }

    private static double MaxDifference(float[][] a, float[][] b) => a.Zip(b).Max(p => p.First.Zip(p.Second).Max(s => Math.Abs(s.First - s.Second)));

    [Fact]
    public void A_capture_clicked_in_the_browser_plays_at_once_and_the_session_restores_it()
    {
        var (plugin, ui, browser) = AddCaptureInEditor();
        using var owned = plugin;
        using var untouched = new PluginInstance(PluginKind.Effect, definition: Definition(LoadedLibrary()));
        var slot = plugin.Managed.Models!;

        string copy = Path.Combine(_userModels, "lstm.nam");
        Assert.Equal(_lstm, File.ReadAllBytes(copy));
        Assert.False(browser.StatusIsProblem, browser.StatusText);
        Assert.Contains("is now the effect model", browser.StatusText);
        // The list the host saw at load has no such model: the instance's "model from disk" value (the last) plays it,
        // chosen as one gesture so the host records it.
        Assert.Equal([("begin", ParameterIds.Model), ("perform", ParameterIds.Model), ("end", ParameterIds.Model)], plugin.Handler.Edits.Select(e => (e.Kind, e.Id)));
        Assert.Equal(1.0, plugin.GetParamNormalized(ParameterIds.Model), 6);
        Assert.True(slot.WaitUntilLoaded(TimeSpan.FromSeconds(20)));
        Assert.Null(slot.LastError);
        Assert.Equal(copy, slot.LoadedEntry?.FullPath);
        Assert.Equal("NAM: lstm (user)", ui.Model.Status().ModelName);
        Assert.Equal("NAM: lstm (user)", ui.Model.Display(ParameterIds.Model, 1.0));
        Assert.True(MaxDifference(Play(plugin), Play(untouched)) > 0.05, "the capture does not change the sound");

        // Saved with the session, by its path in the user folder and its hash, like any listed model.
        byte[] state = plugin.GetState();
        Assert.True(StateChunk.TryParse(state, plugin.Managed.Definition, PluginState.Defaults(plugin.Managed.Definition), out var parsed, out _));
        Assert.Equal("lstm.nam", parsed!.Models["fx.model"].Reference);
        Assert.Equal(64, parsed.Models["fx.model"].Sha256.Length);

        // Reopened in this process (the list still lacks it): it plays as the new instance's model from disk.
        using (var reopened = new PluginInstance(PluginKind.Effect, definition: Definition(LoadedLibrary())))
        {
            Assert.Equal(TResult.Ok, reopened.SetState(state));
            Assert.Equal(TResult.Ok, reopened.SetControllerComponentState(state));
            var models = reopened.Managed.Models!;
            Assert.Equal(models.DiskModelIndex, models.LoadedIndex);
            Assert.Equal(copy, models.LoadedEntry?.FullPath);
            Assert.Null(reopened.Managed.StatusText);
            Assert.Equal(1.0, reopened.GetParamNormalized(ParameterIds.Model), 6);
            Assert.Equal("NAM: lstm (user)", EditorOf(reopened).Model.Status().ModelName);
            Assert.True(MaxDifference(Play(reopened), Play(untouched)) > 0.05, "the restored capture does not change the sound");
        }

        // Reopened after a host restart: the scan lists the copy, and the same session picks it from the list.
        var rescanned = ModelLibrary.Scan([new ModelRoot(_userModels, IsUser: true)]);
        using (var restarted = new PluginInstance(PluginKind.Effect, definition: Definition(rescanned)))
        {
            Assert.Equal(TResult.Ok, restarted.SetState(state));
            var models = restarted.Managed.Models!;
            Assert.Equal(copy, models.LoadedEntry?.FullPath);
            Assert.NotEqual(models.DiskModelIndex, models.LoadedIndex);
            Assert.Null(models.DiskModel);
        }

        // Deleted since: the rest of the session applies, and the editor says what is missing, in words.
        File.Delete(copy);
        using var missing = new PluginInstance(PluginKind.Effect, definition: Definition(LoadedLibrary()));
        Assert.Equal(TResult.Ok, missing.SetState(state));
        Assert.Equal(0, missing.Managed.Models!.LoadedIndex);
        Assert.Contains("Effect Model: model 'lstm.nam' was not found in any model folder", EditorOf(missing).Model.Status().Problem);
    }

    [Fact]
    public void A_second_model_from_disk_replaces_the_first_and_a_failed_load_is_shown_in_words()
    {
        var (plugin, ui, browser) = AddCaptureInEditor();
        using var owned = plugin;
        var slot = plugin.Managed.Models!;
        Assert.True(slot.WaitUntilLoaded(TimeSpan.FromSeconds(20)));
        Assert.NotNull(slot.Current);

        // The Effect Model value stays "model from disk"; the worker opens the new folder (a RAVE manifest without its
        // model files), which fails: the slot is empty and the editor's status says why.
        ClickEntry(ui, browser, "vintage");
        Assert.True(File.Exists(Path.Combine(_userModels, "vintage", "manifest.json")));
        Assert.True(SpinWait.SpinUntil(() => slot.LastError != null, TimeSpan.FromSeconds(20)), "the new model was not loaded");
        Assert.Null(slot.Current);
        Assert.Equal(Path.Combine(_userModels, "vintage"), slot.DiskModel?.FullPath);
        string? problem = ui.Model.Status().Problem;
        Assert.StartsWith("Effect Model: vintage", problem);
        using var bitmap = new SKBitmap(820, 520);
        ui.ClosePopup();
        EditorRenderer.Render(ui, bitmap, 1f);
    }

    [Fact]
    public void Without_a_model_from_disk_its_value_says_so_instead_of_playing_something()
    {
        using var plugin = new PluginInstance(PluginKind.Effect, definition: Definition(LoadedLibrary()));
        var slot = plugin.Managed.Models!;
        var ui = EditorOf(plugin);
        Assert.Equal(PluginDefinition.DiskModelName, ui.Model.Choices(ParameterIds.Model)![^1]);
        var change = new FakeParameterChanges().Point(ParameterIds.Model, 0, 1.0); // host automation to the last value
        plugin.Process(128, input: new float[128], changes: change);
        change.Release();
        Assert.True(slot.WaitUntilLoaded(TimeSpan.FromSeconds(20)));
        Assert.Null(slot.Current);
        Assert.Contains("no model from disk was chosen", ui.Model.Status().Problem);
    }

    [Fact]
    public void A_different_file_of_the_same_name_is_not_overwritten()
    {
        Directory.CreateDirectory(_userModels);
        File.WriteAllText(Path.Combine(_userModels, "lstm.nam"), "{}");
        var (ui, _, _) = Editor();
        var browser = OpenBrowser(ui);
        ClickEntry(ui, browser, "captures");
        ClickEntry(ui, browser, "lstm.nam");
        Assert.Equal("{}", File.ReadAllText(Path.Combine(_userModels, "lstm.nam")));
        Assert.Equal(_lstm, File.ReadAllBytes(Path.Combine(_userModels, "lstm-2.nam")));
        Assert.Contains("lstm-2.nam", browser.StatusText);
    }

    [Fact]
    public void A_model_the_list_has_is_selected_through_the_controller_as_one_gesture()
    {
        // The user folder already held this capture when the plug-in loaded, so its Effect Model list has it.
        Directory.CreateDirectory(_userModels);
        File.WriteAllBytes(Path.Combine(_userModels, "lstm.nam"), _lstm);
        var library = ModelLibrary.Scan([new ModelRoot(_userModels, IsUser: true)]);
        var (ui, handler, controller) = Editor(library);
        var browser = OpenBrowser(ui);
        ClickEntry(ui, browser, "captures");
        ClickEntry(ui, browser, "lstm.nam");

        Assert.Contains("is now the effect model", browser.StatusText);
        Assert.Equal(0.5, controller.GetParamNormalized(ParameterIds.Model), 6); // value 1 of 2 (None, the capture, model from disk)
        Assert.Equal([("begin", ParameterIds.Model), ("perform", ParameterIds.Model), ("end", ParameterIds.Model)], handler.Edits.Select(e => (e.Kind, e.Id)));
    }

    [Fact]
    public void A_long_folder_scrolls_and_an_unreadable_one_is_text_not_an_exception()
    {
        for (int i = 0; i < 60; i++) File.WriteAllBytes(Path.Combine(_captures, $"amp{i:D2}.nam"), []);
        var (ui, _, _) = Editor();
        var browser = OpenBrowser(ui);
        ClickEntry(ui, browser, "captures");
        Assert.False(browser.RowBounds(0).IsEmpty);
        ui.Wheel(new SKPoint(400, 300), -2f); // wheel down: six rows further
        Assert.True(browser.RowBounds(0).IsEmpty);
        Assert.False(browser.RowBounds(6).IsEmpty);

        var missing = new ModelBrowser(ui, Path.Combine(_root, "no-such-folder"));
        Assert.NotNull(missing.Listing.Problem);
        ui.OpenPopup(missing);
        using var bitmap = new SKBitmap(820, 520);
        EditorRenderer.Render(ui, bitmap, 1f);
    }
}
