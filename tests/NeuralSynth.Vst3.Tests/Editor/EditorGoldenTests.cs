using NeuralSynth.Vst3.Editor;
using NeuralSynth.Vst3.Plugin;
using SkiaSharp;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests.Editor;

/// <summary>
/// Layout regressions: each editor is drawn offscreen by the plug-in's own drawing code and compared with a
/// committed PNG (Editor/Golden). A pixel counts as different when a channel differs by more than 24 levels;
/// up to 0.5 % of the pixels may differ (font rasterisation, antialiasing). To accept a deliberate change,
/// run with NEURALSYNTH_UPDATE_GOLDEN=1 and commit the new PNGs. Every render is also written to the test
/// output folder (editor-renders/) for review.
/// </summary>
public sealed class EditorGoldenTests(ITestOutputHelper log)
{
    private const int ChannelTolerance = 24;
    private const double AllowedFraction = 0.005;

    public static TheoryData<string> Cases => ["effect-nam", "effect-rave", "effect-problem", "effect-browser", "instrument", "audio-to-midi"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Editor_matches_its_golden_image(string name)
    {
        using var actual = Render(name);
        string output = Path.Combine(AppContext.BaseDirectory, "editor-renders", name + ".png");
        ImageCompare.SavePng(actual, output);
        log.WriteLine($"render: {output}");

        string golden = Path.Combine(TestPaths.RepositoryRoot, "tests/NeuralSynth.Vst3.Tests/Editor/Golden", name + ".png");
        if (Environment.GetEnvironmentVariable("NEURALSYNTH_UPDATE_GOLDEN") == "1" || !File.Exists(golden))
        {
            ImageCompare.SavePng(actual, golden);
            Assert.Fail($"golden image written to {golden}: review and commit it (then the test compares against it)");
        }
        using var expected = SKBitmap.Decode(golden);
        int differing = ImageCompare.DifferingPixels(actual, expected, ChannelTolerance);
        double fraction = differing / (double)(actual.Width * actual.Height);
        log.WriteLine($"{name}: {differing} of {actual.Width * actual.Height} pixels differ ({fraction:P2})");
        Assert.True(fraction <= AllowedFraction, $"{name}: {fraction:P2} of the pixels differ from {golden} (render in {output})");
    }

    [Fact]
    public void HiDpi_render_is_the_same_layout_at_twice_the_pixels()
    {
        var model = new FixedEditorModel(EditorFixtures.Controller(PluginKind.Effect), EditorFixtures.NamStatus);
        using var normal = EditorRenderer.RenderOffscreen(model, 820, 520, 1f);
        using var doubled = EditorRenderer.RenderOffscreen(model, 820, 520, 2f);
        Assert.Equal((1640, 1040), (doubled.Width, doubled.Height));
        using var shrunk = doubled.Resize(new SKImageInfo(820, 520, SKColorType.Bgra8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        double fraction = ImageCompare.DifferingPixels(normal, shrunk, 64) / (820.0 * 520);
        log.WriteLine($"2x render scaled down differs from the 1x render in {fraction:P2} of the pixels");
        Assert.True(fraction < 0.05, $"{fraction:P2}");
    }

    internal static SKBitmap Render(string name)
    {
        if (name == "effect-browser") return RenderBrowser();
        var (kind, status, width, height) = name switch
        {
            "effect-nam" => (PluginKind.Effect, EditorFixtures.NamStatus, 820, 520),
            "effect-rave" => (PluginKind.Effect, EditorFixtures.RaveStatus, 820, 520),
            "effect-problem" => (PluginKind.Effect, EditorFixtures.ProblemStatus, 820, 520),
            "instrument" => (PluginKind.Instrument, EditorFixtures.InstrumentStatus, 900, 600),
            _ => (PluginKind.AudioToMidi, EditorFixtures.InstrumentStatus, 560, 320),
        };
        var controller = EditorFixtures.Controller(kind);
        if (name == "effect-nam") controller.SetParamNormalized(ParameterIds.Model, 1.0 / 5); // "NAM: A2"
        if (name == "effect-rave") controller.SetParamNormalized(ParameterIds.Model, 3.0 / 5); // "RAVE: Vintage"
        return EditorRenderer.RenderOffscreen(new FixedEditorModel(controller, status), width, height);
    }

    /// <summary>The effect editor with "Add model from disk…" open on a fixed folder (same path on every run).</summary>
    private static SKBitmap RenderBrowser()
    {
        string home = Path.Combine(Path.GetTempPath(), "neuralsynth-golden-browser", "home");
        if (Directory.Exists(home)) Directory.Delete(home, recursive: true);
        foreach (string folder in (string[])["captures", "Downloads", "vintage-rave"]) Directory.CreateDirectory(Path.Combine(home, folder));
        File.WriteAllText(Path.Combine(home, "vintage-rave", "manifest.json"), "{}");
        foreach (string file in (string[])["Dumble Overdrive.nam", "fuzz.json", "tape.onnx", "readme.txt"]) File.WriteAllText(Path.Combine(home, file), "");
        var controller = EditorFixtures.Controller(PluginKind.Effect);
        controller.SetParamNormalized(ParameterIds.Model, 1.0 / 5);
        var ui = new Vst3.Editor.Ui.EditorUi(new FixedEditorModel(controller, EditorFixtures.NamStatus) { HomeFolder = home });
        ui.SetSize(new SKSize(820, 520));
        ui.OpenPopup(new Vst3.Editor.Ui.ModelBrowser(ui, home));
        ui.Update();
        var bitmap = new SKBitmap(new SKImageInfo(820, 520, SKColorType.Bgra8888, SKAlphaType.Premul));
        EditorRenderer.Render(ui, bitmap, 1f);
        return bitmap;
    }
}

/// <summary>What a frame costs on the UI thread (reported; the bound only catches something pathological).</summary>
public sealed class EditorRenderCostTests(ITestOutputHelper log)
{
    [Fact]
    public void A_full_frame_renders_in_a_few_milliseconds()
    {
        var model = new FixedEditorModel(EditorFixtures.Controller(PluginKind.Instrument), EditorFixtures.InstrumentStatus);
        var ui = new NeuralSynth.Vst3.Editor.Ui.EditorUi(model);
        ui.SetSize(new SKSize(900, 600));
        ui.Update();
        foreach (float scale in new[] { 1f, 2f })
        {
            using var bitmap = new SKBitmap((int)(900 * scale), (int)(600 * scale), SKColorType.Bgra8888, SKAlphaType.Premul);
            for (int i = 0; i < 5; i++) EditorRenderer.Render(ui, bitmap, scale); // warm up (JIT, font cache)
            const int frames = 50;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < frames; i++) EditorRenderer.Render(ui, bitmap, scale);
            double ms = watch.Elapsed.TotalMilliseconds / frames;
            log.WriteLine($"instrument editor {bitmap.Width}x{bitmap.Height}: {ms:0.00} ms per frame");
            Assert.True(ms < 100, $"{ms:0.0} ms per frame");
        }
    }
}
