using NeuralSynth.Ddsp.Runtime.Onnx;
using NeuralSynth.Engine;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>The bounded ONNX reader: the shipped graphs parse; damaged or hostile bytes fail with one line naming file and field.</summary>
public class OnnxWeightReaderTests
{
    private static string Violin => Path.Combine(TestSupport.RepoRoot, "models", "ddsp", "violin", "decoder.onnx");

    [Fact]
    public void ShippedDecoderGraphHasItsWeightsAndNodes()
    {
        var graph = OnnxGraphReader.Read(Violin);
        Assert.Contains(graph.Nodes, n => n.OpType == "GRU" && n.Attribute("linear_before_reset", 0) == 1 && n.Attribute("hidden_size", 0) == 128);
        Assert.Equal([96], graph.Initializers["decoder.f0_mlp.0.bias"].Dims);
        Assert.Equal(3 * 128 * 192, graph.Nodes.Where(n => n.OpType == "GRU").Select(n => graph.Initializers[n.Inputs[1]].Data.Length).Single());
    }

    [Fact]
    public void EveryTruncationFailsCleanly()
    {
        byte[] bytes = File.ReadAllBytes(Violin);
        // Cut inside the graph at many points: each must be a one-line InvalidInputException, never a crash.
        for (int length = 1; length < bytes.Length; length += 9973)
        {
            var error = Record.Exception(() => OnnxGraphReader.Parse(bytes.AsSpan(0, length), "cut.onnx"));
            Assert.True(error is null or InvalidInputException, $"cut at {length}: {error?.GetType().Name}: {error?.Message}");
            if (error != null) Assert.StartsWith("cut.onnx: ", error.Message);
        }
    }

    [Fact]
    public void OversizedLengthIsRefusedNamingTheField()
    {
        // ModelProto.graph (field 7, length-delimited) claiming 2^40 bytes.
        byte[] bytes = [0x3A, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20];
        var error = Assert.Throws<InvalidInputException>(() => OnnxGraphReader.Parse(bytes, "huge.onnx"));
        Assert.Equal("huge.onnx: ModelProto: graph: length 1099511627776 runs past the end of its message", error.Message);
    }

    [Fact]
    public void RawDataOfTheWrongSizeIsRefused()
    {
        // graph { initializer { dims: 4, data_type: FLOAT, name: "w", raw_data: 8 bytes } }
        byte[] tensor = [0x08, 0x04, 0x10, 0x01, 0x42, 0x01, (byte)'w', 0x4A, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] graph = [0x2A, (byte)tensor.Length, .. tensor];
        byte[] model = [0x3A, (byte)graph.Length, .. graph];
        var error = Assert.Throws<InvalidInputException>(() => OnnxGraphReader.Parse(model, "bad.onnx"));
        Assert.Equal("bad.onnx: graph.initializer[0] ('w').raw_data: 8 bytes for 4 floats", error.Message);
    }

    [Fact]
    public void DecoderWithAnUnknownOperatorIsRefused()
    {
        var graph = OnnxGraphReader.Read(Violin);
        var nodes = graph.Nodes.Select(n => n.OpType == "LeakyRelu" ? n with { OpType = "Relu" } : n).ToList();
        var manifest = NeuralSynth.Ddsp.Model.DecoderManifest.Load(TestSupport.Decoder("violin"));
        var error = Assert.Throws<InvalidInputException>(() => NeuralSynth.Ddsp.Runtime.DecoderWeights.FromGraph(graph with { Nodes = nodes }, manifest));
        Assert.Contains("operator 'Relu' is not part of the DDSP decoder recipe", error.Message);
    }
}
