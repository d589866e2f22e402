using NeuralSynth.Product.Models;
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

    [Fact]
    public void Clicking_a_capture_copies_it_into_the_user_model_folder_and_says_when_it_can_be_chosen()
    {
        var (ui, handler, _) = Editor();
        var browser = OpenBrowser(ui);
        ClickEntry(ui, browser, "captures");
        ClickEntry(ui, browser, "lstm.nam");

        string copy = Path.Combine(_userModels, "lstm.nam");
        Assert.Equal(_lstm, File.ReadAllBytes(copy));
        // The fixture's Effect Model list was fixed when the plug-in loaded: the status says when the model appears.
        Assert.False(browser.StatusIsProblem, browser.StatusText);
        Assert.Contains("after the host is restarted", browser.StatusText);
        Assert.Empty(handler.Edits);

        ClickEntry(ui, browser, "lstm.nam"); // the same file again: reused, not copied twice
        Assert.Contains("already in your models", browser.StatusText);
        Assert.Single(Directory.GetFiles(_userModels));

        ClickEntry(ui, browser, "vintage"); // a RAVE folder is copied whole
        Assert.True(File.Exists(Path.Combine(_userModels, "vintage", "manifest.json")));
        Assert.False(browser.StatusIsProblem, browser.StatusText);
        using var bitmap = new SKBitmap(820, 520);
        EditorRenderer.Render(ui, bitmap, 1f);
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
        Assert.Equal(1.0, controller.GetParamNormalized(ParameterIds.Model), 6); // value 1 of 1: the capture
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
