using NeuralSynth.Engine.Effects;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Editor;
using NeuralSynth.Vst3.Editor.Ui;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;
using SkiaSharp;

namespace NeuralSynth.Vst3.Tests.Editor;

/// <summary>The editor's behaviour without a window: gestures reach the host, host changes reach the editor, sizes follow the rules.</summary>
public sealed unsafe class EditorInteractionTests
{
    [Fact]
    public void Dragging_a_knob_is_one_gesture_the_host_hears()
    {
        var controller = EditorFixtures.Controller(PluginKind.Effect);
        var handler = new FakeComponentHandler();
        controller.SetComponentHandler(handler.Pointer);
        var ui = new EditorUi(new ControllerEditorModel(controller));
        ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
        var knob = ui.Widgets.OfType<Knob>().Single(k => k.Id == EffectParameters.InputGain);
        double before = controller.GetParamNormalized(EffectParameters.InputGain);

        var center = new SKPoint(knob.Bounds.MidX, knob.Bounds.Top + 30);
        ui.MouseDown(center, doubleClick: false);
        for (int dy = 5; dy <= 50; dy += 5) ui.MouseMove(new SKPoint(center.X, center.Y - dy));
        ui.MouseUp(new SKPoint(center.X, center.Y - 50));

        double after = controller.GetParamNormalized(EffectParameters.InputGain);
        Assert.Equal(before + 50 / 200.0, after, 6);
        var edits = handler.Edits.ToArray();
        Assert.Equal(("begin", (uint)EffectParameters.InputGain), (edits[0].Kind, edits[0].Id));
        Assert.Equal("end", edits[^1].Kind);
        Assert.All(edits[1..^1], e => Assert.Equal("perform", e.Kind));
        Assert.Equal(after, edits[^2].Value, 6);
    }

    [Fact]
    public void Dragging_on_the_RAVE_pad_moves_latent_1_and_2_as_two_gestures()
    {
        var controller = EditorFixtures.Controller(PluginKind.Effect);
        var handler = new FakeComponentHandler();
        controller.SetComponentHandler(handler.Pointer);
        var ui = new EditorUi(new FixedEditorModel(controller, EditorFixtures.RaveStatus));
        ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
        var pad = ui.Widgets.OfType<XyPad>().Single().Bounds;

        // From the lower left quarter to the upper right one: x is latent 1 (Knob 1), y latent 2 (Knob 2), bottom = 0.
        ui.MouseDown(new SKPoint(pad.Left + pad.Width * 0.25f, pad.Top + pad.Height * 0.75f), doubleClick: false);
        ui.MouseMove(new SKPoint(pad.Left + pad.Width * 0.5f, pad.Top + pad.Height * 0.5f));
        ui.MouseMove(new SKPoint(pad.Left + pad.Width * 0.8f, pad.Top + pad.Height * 0.1f));
        ui.MouseUp(new SKPoint(pad.Left + pad.Width * 0.8f, pad.Top + pad.Height * 0.1f));

        Assert.Equal(0.8, controller.GetParamNormalized(EffectParameters.Knob1), 2);
        Assert.Equal(0.9, controller.GetParamNormalized(EffectParameters.Knob1 + 1), 2);
        foreach (uint id in new uint[] { EffectParameters.Knob1, EffectParameters.Knob1 + 1 })
        {
            var kinds = handler.Edits.Where(e => e.Id == id).Select(e => e.Kind).ToArray();
            Assert.Equal("begin", kinds[0]);
            Assert.Equal("end", kinds[^1]);
            Assert.Contains("perform", kinds);
        }
    }

    [Fact]
    public void Choosing_a_model_from_the_list_edits_the_model_parameter()
    {
        var controller = EditorFixtures.Controller(PluginKind.Effect);
        var handler = new FakeComponentHandler();
        controller.SetComponentHandler(handler.Pointer);
        var ui = new EditorUi(new ControllerEditorModel(controller));
        ui.SetSize(EditorUi.DefaultSize(PluginKind.Effect));
        var box = ui.Widgets.OfType<ChoiceBox>().Single(b => b.Id == ParameterIds.Model);
        // The right arrow steps to the next model: None -> NAM: A2 (value 1 of None, five models, model from disk).
        ui.MouseDown(new SKPoint(box.Bounds.Right - 6, box.Bounds.Bottom - 10), false);
        ui.MouseUp(new SKPoint(box.Bounds.Right - 6, box.Bounds.Bottom - 10));
        Assert.Equal(1.0 / 6, controller.GetParamNormalized(ParameterIds.Model), 6);
        Assert.Equal(["begin", "perform", "end"], handler.Edits.Select(e => e.Kind).ToArray());
    }

    [Fact]
    public void A_host_change_makes_the_next_tick_redraw_and_an_idle_editor_does_not()
    {
        var controller = EditorFixtures.Controller(PluginKind.Instrument);
        var ui = new EditorUi(new FixedEditorModel(controller, EditorFixtures.InstrumentStatus, 0, 0));
        using var bitmap = new SKBitmap(900, 600);
        Assert.True(ui.Update());
        EditorRenderer.Render(ui, bitmap, 1f);
        Assert.False(ui.Update()); // nothing changed: no frame
        controller.SetParamNormalized(1, 0.1); // master gain, from the host's automation
        Assert.True(ui.Update());
    }

    [Fact]
    public void View_answers_sizes_scale_and_platform_like_the_sdk_says()
    {
        var controller = EditorFixtures.Controller(PluginKind.Effect);
        IntPtr pointer = controller.CreateView("editor");
        Assert.NotEqual(IntPtr.Zero, pointer);
        Assert.Equal(IntPtr.Zero, controller.CreateView("not-an-editor"));
        var view = NeuralSynth.Vst3.Com.ComObject.FromSlot<PlugView>(pointer);
        Assert.Equal(OperatingSystem.IsLinux(), PlugView.IsPlatformTypeSupported(PlatformTypes.X11EmbedWindowId));
        Assert.False(PlugView.IsPlatformTypeSupported("NSView"));

        ViewRect size;
        Assert.Equal(TResult.Ok, view.GetSize(&size));
        Assert.Equal((820, 520), (size.Width, size.Height));
        var tooSmall = ViewRect.Of(10, 10);
        view.CheckSizeConstraint(&tooSmall);
        Assert.Equal((600, 440), (tooSmall.Width, tooSmall.Height));

        Assert.Equal(TResult.Ok, view.SetContentScaleFactor(2f));
        view.GetSize(&size);
        Assert.Equal((1640, 1040), (size.Width, size.Height));
        var bigger = ViewRect.Of(2000, 1200);
        Assert.Equal(TResult.Ok, view.OnSize(&bigger));
        Assert.Equal(new SKSize(1000, 600), view.Ui.Size);

        // Attaching to something that is not a window of a supported type is refused, not a crash.
        Assert.NotEqual(TResult.Ok, view.Attached(IntPtr.Zero, PlatformTypes.X11EmbedWindowId));
        Assert.NotEqual(TResult.Ok, view.Attached(new IntPtr(1), "NSView"));
        Assert.Equal(0u, view.Release());
    }
}
