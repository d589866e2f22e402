using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Inference;
using NeuralSynth.Rave.Realtime;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class ControlTests
{
    private static readonly float[] Input = TestModel.Signal(48000);

    [Fact]
    public void Registry_has_stable_ids_and_rave_keys()
    {
        var registry = RaveParameters.CreateRegistry();
        Assert.Equal(5 + 2 * RaveParameters.ControlledDimensions, registry.Count);
        Assert.All(registry.All, p => Assert.StartsWith("rave.", p.Key));
        Assert.Equal(3000, RaveParameters.Mix);
        Assert.Equal("rave.bias.0", registry.GetById(RaveParameters.Bias(0)).Key);
        Assert.Equal("rave.scale.7", registry.GetById(RaveParameters.Scale(7)).Key);
        Assert.Equal(3037, RaveParameters.Scale(7));
    }

    [Fact]
    public void Bias_and_scale_reach_the_decoder_and_renders_are_deterministic()
    {
        var model = TestModel.Model;
        using var engine = new RaveEngine(model, 4 * model.Manifest.CompressionRatio);
        var controls = new LatentControlFrame();
        controls.Bias[0] = 2f;
        controls.Scale[1] = -1f;
        Input.AsSpan(0, engine.ChunkSize).CopyTo(engine.Input[0]);
        engine.Process(controls);
        int frames = engine.LatentFrames;
        for (int j = 0; j < frames; j++)
        {
            Assert.Equal(engine.EncodedLatents[j] + 2f, engine.DecodedLatents[j], 1e-5f);
            Assert.Equal(-engine.EncodedLatents[frames + j], engine.DecodedLatents[frames + j], 1e-5f);
            Assert.Equal(engine.EncodedLatents[2 * frames + j], engine.DecodedLatents[2 * frames + j], 1e-6f);
        }

        var input = new AudioFile([Input], 48000);
        var plain = RaveOffline.Render(input, model, new Dictionary<int, float>(), new RaveRenderOptions());
        var biased = RaveOffline.Render(input, model, new Dictionary<int, float> { [0] = 4f }, new RaveRenderOptions());
        var again = RaveOffline.Render(input, model, new Dictionary<int, float> { [0] = 4f }, new RaveRenderOptions());
        Assert.Equal(input.Frames, biased.Frames);
        Assert.True(TestModel.MaxAbsDiff(plain.Channels[0], biased.Channels[0]) > 0f);
        Assert.Equal(biased.Channels[0], again.Channels[0]);
    }

    [Fact]
    public void Offline_render_is_the_whole_file_output_aligned_with_the_input()
    {
        var input = new AudioFile([Input], 48000);
        var rendered = RaveOffline.Render(input, TestModel.Model, new Dictionary<int, float>(), new RaveRenderOptions { BlockSize = 333 });
        float[] reference = WholeFile.Run(Input, out _);
        int delay = TestModel.Model.Manifest.ModelDelaySamples;
        // The render removes the processor's whole latency (buffering and the model's own delay).
        Assert.InRange(TestModel.MaxAbsDiff(rendered.Channels[0].AsSpan(0, Input.Length - delay), reference.AsSpan(delay)), 0, 1e-4f);
    }

    [Fact]
    public void Generation_ignores_the_input_and_is_seeded()
    {
        var model = TestModel.Model;
        using var engine = new RaveEngine(model, 8 * model.Manifest.CompressionRatio, seed: 7);
        var controls = new LatentControlFrame { Generate = 1f };
        engine.Process(controls); // silent input
        float[] first = engine.DecodedLatents.ToArray();
        Input.AsSpan(0, engine.ChunkSize).CopyTo(engine.Input[0]);
        engine.Reset();
        engine.Process(controls); // same seed, loud input: the same latents
        Assert.Equal(first, engine.DecodedLatents.ToArray());
        float spread = first.Max() - first.Min();
        Assert.True(spread > 0.1f, $"generated latents barely move ({spread})");

        var seedA = RaveOffline.Generate(TestModel.Folder, 0.5, new RaveRenderOptions { Seed = 7 });
        var seedB = RaveOffline.Generate(TestModel.Folder, 0.5, new RaveRenderOptions { Seed = 8 });
        Assert.All(seedA.Channels[0], v => Assert.True(float.IsFinite(v)));
        Assert.True(TestModel.MaxAbsDiff(seedA.Channels[0], seedB.Channels[0]) > 0f);
    }

    [Fact]
    public void Automation_events_are_applied_and_mix_zero_is_the_aligned_dry_signal()
    {
        using var processor = new RaveProcessor(TestModel.Model, new RaveProcessorOptions { WaitForWorker = true });
        processor.Prepare(48000, 256, 1);
        var buffer = new[] { new float[256] };
        var output = new float[Input.Length];
        var events = new[] { EngineEvent.Parameter(10, RaveParameters.Mix, 0f) };
        for (int start = 0; start + 256 <= Input.Length; start += 256)
        {
            Input.AsSpan(start, 256).CopyTo(buffer[0]);
            processor.Process(new AudioBlock(buffer, 0, 256), start == 0 ? events : ReadOnlySpan<EngineEvent>.Empty);
            buffer[0].CopyTo(output, start);
        }
        Assert.Equal(0f, processor.Parameters.GetTarget(RaveParameters.Mix));
        int latency = processor.LatencySamples;
        for (int i = 48000 / 10 + latency; i < output.Length - 256; i++) Assert.Equal(Input[i - latency], output[i], 1e-6f);
    }

    [Fact]
    public void Freeze_holds_the_latent()
    {
        var model = TestModel.Model;
        using var engine = new RaveEngine(model, 8 * model.Manifest.CompressionRatio);
        int frames = engine.LatentFrames, latent = model.Manifest.LatentSize;
        Input.AsSpan(0, engine.ChunkSize).CopyTo(engine.Input[0]);
        engine.Process(new LatentControlFrame { Freeze = 1f });
        for (int d = 0; d < latent; d++)
            for (int j = 1; j < frames; j++)
                Assert.Equal(engine.DecodedLatents[d * frames], engine.DecodedLatents[d * frames + j]);
        Assert.True(TestModel.MaxAbsDiff(engine.EncodedLatents, engine.DecodedLatents) > 0f); // the live latents did move
    }
}
