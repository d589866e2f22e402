using NeuralSynth.Engine.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NeuralSynth.Engine.Core;
using NeuralSynth.Neural.Sequence;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// RTNeural's own test models and the outputs its Python scripts (Keras) computed for them, from
/// data/rtneural (see its README for the source commit). RTNeural's tests (tests/functional/templated_tests.cpp)
/// reset the model, feed the x column one sample at a time from zero state and compare every output with
/// the y column; we do the same. Keras made y from the whole sequence at once (causal convolutions pad with
/// zeros, recurrent layers start at zero), which is the same as streaming from a reset model.
/// </summary>
public sealed class RtNeuralReferenceTests(ITestOutputHelper output)
{
    private static string Data(string file) => RepoPaths.TestData(Path.Combine("rtneural", file));

    private static float[] ReadColumn(string file) =>
        File.ReadLines(Data(file)).Where(l => l.Length > 0)
            .Select(l => (float)double.Parse(l, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Every 1-in/1-out model in RTNeural's test set that has Python reference data.</summary>
    public static TheoryData<string> Models => new() { "dense", "conv", "gru", "gru_1d", "lstm", "lstm_1d" };

    [Theory]
    [MemberData(nameof(Models))]
    public void MatchesRtNeuralPythonReference(string name)
    {
        var model = SequenceModelLoader.Load(Data(name + ".json"));
        Assert.Equal("RTNeural", model.Format);
        Assert.Equal(0, model.Controls.ControlCount);
        var x = ReadColumn(name + "_x_python.csv");
        var y = ReadColumn(name + "_y_python.csv");
        Assert.Equal(x.Length, y.Length);
        Assert.True(x.Length >= 100);

        model.Prepare(x.Length);
        model.Reset();
        double maxError = 0;
        for (int n = 0; n < x.Length; n++) maxError = Math.Max(maxError, Math.Abs(model.ProcessSample(x[n]) - y[n]));
        output.WriteLine($"{name}: {x.Length} samples, {model.Layers.Count} layers, max abs error {maxError:E2}");
        Assert.True(maxError <= 1e-5, $"{name}: max abs error {maxError:E3}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ProcessorMatchesModelAtAnyBlockSizeAndAllocatesNothing(string name)
    {
        var x = ReadColumn(name + "_x_python.csv");
        var model = SequenceModelLoader.Load(Data(name + ".json"));
        model.Prepare(x.Length);
        model.Reset();
        var expected = x.Select(model.ProcessSample).ToArray();

        var processor = SequenceModelProcessor.Load(Data(name + ".json"));
        processor.Prepare(48000, 64, 1);
        var buffer = (float[])x.Clone();
        for (int start = 0, size = 1; start < buffer.Length; start += size, size = size % 37 + 1)
            processor.Process(new AudioBlock(new[] { buffer }, start, Math.Min(size, buffer.Length - start)));
        Assert.Equal(expected, buffer);

        var block = new[] { new float[64] };
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 200; i++) processor.Process(new AudioBlock(block, 0, 1 + i % 64));
        Assert.Equal(0, allocations.Bytes);
    }

    [Fact]
    public void FullModelLoads()
    {
        // dense+tanh, conv1d (K 3, dilation 2)+tanh, gru, dense: RTNeural compares it with its templated model only.
        var model = SequenceModelLoader.Load(Data("full_model.json"));
        Assert.Equal(4, model.Layers.Count);
        model.Prepare(16);
        Assert.True(float.IsFinite(model.ProcessSample(0.5f)));
    }

    [Theory]
    [MemberData(nameof(Models))]
    [InlineData("full_model")]
    public void OpensThroughTheEffectFactoryAsTheCliAndPlugInDo(string name)
    {
        var processor = EffectModelFactory.Load(Data(name + ".json"), 44100, 64); // resampled from 48 kHz
        Assert.Empty(EffectModelFactory.KnobNames(processor));
        var channels = new[] { new float[64], new float[64] };
        for (int block = 0; block < 20; block++)
        {
            for (int i = 0; i < 64; i++) channels[0][i] = channels[1][i] = 0.5f * MathF.Sin((block * 64 + i) * 0.05f);
            processor.Process(new AudioBlock(channels, 0, 64));
            Assert.All(channels[0], v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void SoftmaxAndEluLayers()
    {
        var softmax = new ActivationLayer(3, "softmax");
        var y = softmax.Step([1000f, 0f, 999f]).ToArray(); // no Inf/Inf
        Assert.Equal(1f / (1f + MathF.Exp(-1f)), y[0], 6);
        Assert.Equal(0f, y[1], 6);
        Assert.Equal(1f - y[0], y[2], 6);
        var elu = new ActivationLayer(2, "elu").Step([-1f, 2f]).ToArray();
        Assert.Equal(MathF.Exp(-1f) - 1f, elu[0], 6);
        Assert.Equal(2f, elu[1]);
    }

    private static ModelFormatException Reject(JsonNode json) =>
        Assert.Throws<ModelFormatException>(() => SequenceModelLoader.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "bad.json"));

    private static JsonObject Open(string name) => JsonNode.Parse(File.ReadAllText(Data(name + ".json")))!.AsObject();

    private static void AssertOneLine(ModelFormatException e, string expected)
    {
        Assert.StartsWith("bad.json: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TwoDimensionalLayersAreRefusedWithTheFileAndField()
    {
        var e = Assert.Throws<ModelFormatException>(() => SequenceModelLoader.Load(Data("conv2d.json")));
        Assert.StartsWith("conv2d.json: 'layers[0].type' 'conv2d' is not supported", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        var gru = Open("gru");
        gru["layers"]![2]!["type"] = "batchnorm2d";
        AssertOneLine(Reject(gru), "'layers[2].type' 'batchnorm2d' is not supported");
    }

    [Fact]
    public void MismatchedFilesAndUnknownFeaturesGiveOneLineErrors()
    {
        // RTNeural's bad_lstm.json: shape says 16 units, the weights hold 20.
        var e = Assert.Throws<ModelFormatException>(() => SequenceModelLoader.Load(Data("bad_lstm.json")));
        Assert.Equal("bad_lstm.json: 'layers[0].weights[0][0]' must be an array of 64 numbers", e.Message);

        var m = Open("gru");
        m["layers"]![1]!["activation"] = "relu";
        AssertOneLine(Reject(m), "'layers[1].activation' 'relu' is not supported on recurrent layers");

        m = Open("dense");
        m["layers"]![1]!["activation"] = "gelu";
        AssertOneLine(Reject(m), "'layers[1].activation' 'gelu' is not supported");

        m = Open("dense");
        m["layers"]![0]!["type"] = "attention";
        AssertOneLine(Reject(m), "'layers[0].type' 'attention' is not supported");

        m = Open("conv");
        m["layers"]![5]!["groups"] = 3; // 4 inputs
        AssertOneLine(Reject(m), "'layers[5].groups' 3 must divide");

        m = Open("conv");
        m["layers"]![1]!["strides"] = new JsonArray(2);
        AssertOneLine(Reject(m), "'layers[1].strides' 2 is not supported");

        m = Open("conv");
        m["layers"]![1]!["shape"] = new JsonArray(null, 98, 4); // a "valid"-padded (stateless) conv shortens time
        AssertOneLine(Reject(m), "'layers[1].shape' has time axis 98 but its input has 100");

        m = Open("conv");
        m["layers"]![3]!["weights"]![0]![0] = new JsonArray(1, 2);
        AssertOneLine(Reject(m), "'layers[3].weights[0][0]' must have 4 alphas");

        m = Open("conv");
        m["layers"]![2]!.AsObject().Remove("epsilon");
        AssertOneLine(Reject(m), "'layers[2].epsilon' is missing");

        m = Open("conv");
        m["layers"]![2]!["weights"]!.AsArray().RemoveAt(0);
        AssertOneLine(Reject(m), "'layers[2].weights' must hold 4 arrays");

        m = Open("dense");
        m["layers"]![1]!["shape"] = new JsonArray(null, 4);
        AssertOneLine(Reject(m), "'layers[1].shape' has 4 outputs but a activation layer keeps its input width 8");
    }
}
