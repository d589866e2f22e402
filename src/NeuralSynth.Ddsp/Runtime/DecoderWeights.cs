using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Runtime.Onnx;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// The learned tensors of a recipe decoder (models/ddsp/recipe/decoder.py), found in the exported graph by
/// structure rather than by the exporter's generated names: a Linear is the MatMul feeding the Add that adds
/// the PyTorch bias "decoder.&lt;layer&gt;.bias" (its B operand is the already-transposed [in, out] weight);
/// a LayerNorm is the node reading "decoder.&lt;layer&gt;.weight"; the GRU is the graph's one GRU node.
/// Anything else about the graph (extra or unknown operators, other GRU options) is refused, so a decoder
/// this runtime would compute differently never loads silently.
/// </summary>
internal sealed class DecoderWeights
{
    /// <summary>Operators the recipe's export uses; any other means a different network.</summary>
    private static readonly HashSet<string> RecipeOperators = new(StringComparer.Ordinal)
    {
        "Constant", "Unsqueeze", "Squeeze", "Clip", "Div", "Log", "Mul", "Add", "Sub", "MatMul", "LayerNormalization",
        "LeakyRelu", "Concat", "Transpose", "GRU", "Sigmoid", "Pow", "Slice", "ReduceSum", "Gather",
    };

    private static readonly HashSet<string> SupportedGruAttributes = new(StringComparer.Ordinal) { "hidden_size", "linear_before_reset" };

    public required (DenseWeights Linear, NormalizedLeakyRelu Norm)[] F0Mlp { get; init; }
    public required (DenseWeights Linear, NormalizedLeakyRelu Norm)[] LoudnessMlp { get; init; }
    public required (DenseWeights Linear, NormalizedLeakyRelu Norm)[] OutMlp { get; init; }
    /// <summary>GRU projections per gate, z, r, h (ONNX order): x·Wᵀ + bW and h·Rᵀ + bR.</summary>
    public required DenseWeights[] GruInput { get; init; }
    public required DenseWeights[] GruRecurrent { get; init; }
    public required DenseWeights Head { get; init; }

    public int Hidden => GruRecurrent[0].Inputs;
    public int MlpWidth => F0Mlp[^1].Linear.Outputs;

    public static DecoderWeights Load(string modelPath, DecoderManifest manifest) => FromGraph(OnnxGraphReader.Read(modelPath), manifest);

    public static DecoderWeights FromGraph(OnnxGraph graph, DecoderManifest manifest)
    {
        var map = new GraphMap(graph);
        for (int i = 0; i < graph.Nodes.Count; i++)
            if (!RecipeOperators.Contains(graph.Nodes[i].OpType))
                throw map.Error($"graph.node[{i}] ({graph.Nodes[i].Name})", $"operator '{graph.Nodes[i].OpType}' is not part of the DDSP decoder recipe");

        float slope = map.LeakySlope();
        var f0 = map.Mlp("f0_mlp", 1, slope);
        var loudness = map.Mlp("ld_mlp", 1, slope);
        int width = f0[^1].Linear.Outputs;
        if (loudness[^1].Linear.Outputs != width) throw map.Error("decoder.ld_mlp", $"width {loudness[^1].Linear.Outputs} differs from f0_mlp's {width}");

        var (gruInput, gruRecurrent) = map.Gru(2 * width, manifest.StateSize);
        int hidden = manifest.StateSize;
        var outMlp = map.Mlp("out_mlp", hidden + 2 * width, slope);
        int heads = 1 + manifest.Harmonics + manifest.NoiseBands;
        var head = map.Linear("head", outMlp[^1].Linear.Outputs, heads);
        return new DecoderWeights
        {
            F0Mlp = f0, LoudnessMlp = loudness, OutMlp = outMlp, GruInput = gruInput, GruRecurrent = gruRecurrent, Head = head,
        };
    }

    /// <summary>Lookups over one graph, each failing with a line naming the file and the tensor or node.</summary>
    private sealed class GraphMap(OnnxGraph graph)
    {
        private readonly Dictionary<string, OnnxNode> _producers = Index(graph);

        public NeuralSynth.Engine.InvalidInputException Error(string field, string problem) => OnnxLimits.Error(graph.File, field, problem);

        private static Dictionary<string, OnnxNode> Index(OnnxGraph graph)
        {
            var producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
            foreach (var node in graph.Nodes)
                foreach (var output in node.Outputs)
                    if (output.Length > 0) producers[output] = node;
            return producers;
        }

        public float LeakySlope()
        {
            var slopes = graph.Nodes.Where(n => n.OpType == "LeakyRelu").Select(n => n.Attribute("alpha", 0.01)).Distinct().ToList();
            if (slopes.Count != 1 || !double.IsFinite(slopes[0])) throw Error("LeakyRelu.alpha", "the recipe uses one LeakyReLU slope throughout");
            return (float)slopes[0];
        }

        /// <summary>mlp(): Linear, LayerNorm, LeakyReLU, Linear, LayerNorm, LeakyReLU (indices 0, 1, 3, 4).</summary>
        public (DenseWeights Linear, NormalizedLeakyRelu Norm)[] Mlp(string name, int inputs, float slope)
        {
            var first = Linear($"{name}.0", inputs, -1);
            var second = Linear($"{name}.3", first.Outputs, first.Outputs);
            return [(first, Norm($"{name}.1", first.Outputs, slope)), (second, Norm($"{name}.4", second.Outputs, slope))];
        }

        /// <param name="outputs">Expected output width, or -1 to take the tensor's.</param>
        public DenseWeights Linear(string layer, int inputs, int outputs)
        {
            string biasName = $"decoder.{layer}.bias";
            var bias = Tensor(biasName, 1);
            var add = graph.Nodes.FirstOrDefault(n => n.OpType == "Add" && n.Inputs.Length == 2 && n.Inputs.Contains(biasName))
                ?? throw Error(biasName, "no Add node adds this bias");
            string product = add.Inputs[0] == biasName ? add.Inputs[1] : add.Inputs[0];
            if (!_producers.TryGetValue(product, out var matMul) || matMul.OpType != "MatMul" || matMul.Inputs.Length != 2)
                throw Error(biasName, "is not added to a MatMul (the recipe's Linear export)");
            var weight = Tensor(matMul.Inputs[1], 2);
            int n = outputs < 0 ? (int)bias.Dims[0] : outputs;
            if (weight.Dims[0] != inputs || weight.Dims[1] != n || bias.Dims[0] != n)
                throw Error(matMul.Inputs[1], $"decoder.{layer} is {weight.Shape} + bias {bias.Shape}, expected [{inputs}, {n}] + [{n}]");
            var dense = DenseWeights.FromInputMajor(weight.Data, inputs, n);
            bias.Data.CopyTo(dense.Bias, 0);
            return dense;
        }

        private NormalizedLeakyRelu Norm(string layer, int width, float slope)
        {
            string scaleName = $"decoder.{layer}.weight", biasName = $"decoder.{layer}.bias";
            var scale = Tensor(scaleName, 1);
            var bias = Tensor(biasName, 1);
            if (scale.Dims[0] != width || bias.Dims[0] != width) throw Error(scaleName, $"LayerNorm of width {scale.Dims[0]} follows a layer of width {width}");
            var node = graph.Nodes.FirstOrDefault(n => n.OpType == "LayerNormalization" && n.Inputs.Length >= 2 && n.Inputs[1] == scaleName)
                ?? throw Error(scaleName, "no LayerNormalization node uses this scale");
            if (node.Attribute("axis", -1) != -1) throw Error($"{node.Name}.axis", "the recipe normalizes over the last axis only");
            double epsilon = node.Attribute("epsilon", 1e-5);
            if (!(epsilon > 0 && epsilon < 1)) throw Error($"{node.Name}.epsilon", $"{epsilon} is outside (0, 1)");
            return new NormalizedLeakyRelu(scale.Data, bias.Data, (float)epsilon, slope);
        }

        /// <summary>The one GRU node: W [1, 3H, I], R [1, 3H, H], B [1, 6H], forward, linear_before_reset = 1;
        /// split per gate so each gate's pre-activations come out as one contiguous block for all voices.</summary>
        public (DenseWeights[] Input, DenseWeights[] Recurrent) Gru(int inputs, int hidden)
        {
            var nodes = graph.Nodes.Where(n => n.OpType == "GRU").ToList();
            if (nodes.Count != 1) throw Error("GRU", $"the recipe has one GRU node, the graph has {nodes.Count}");
            var gru = nodes[0];
            foreach (var attribute in gru.Attributes.Keys)
                if (!SupportedGruAttributes.Contains(attribute)) throw Error($"{gru.Name}.{attribute}", "GRU option not supported by the managed decoder runtime");
            if (gru.Attribute("hidden_size", -1) != hidden) throw Error($"{gru.Name}.hidden_size", $"{gru.Attribute("hidden_size", -1)}, the manifest's stateSize is {hidden}");
            if (gru.Attribute("linear_before_reset", 0) != 1) throw Error($"{gru.Name}.linear_before_reset", "must be 1 (PyTorch's GRU)");
            if (gru.Inputs.Length < 4 || gru.Inputs[3].Length == 0) throw Error(gru.Name, "has no bias input B");
            if (gru.Inputs.Length > 4 && gru.Inputs[4].Length > 0) throw Error(gru.Name, "sequence_lens is not supported");
            var w = Tensor(gru.Inputs[1], 3);
            var r = Tensor(gru.Inputs[2], 3);
            var b = Tensor(gru.Inputs[3], 2);
            if (w.Dims[0] != 1 || w.Dims[1] != 3 * hidden || w.Dims[2] != inputs) throw Error(w.Name, $"GRU W is {w.Shape}, expected [1, {3 * hidden}, {inputs}]");
            if (r.Dims[0] != 1 || r.Dims[1] != 3 * hidden || r.Dims[2] != hidden) throw Error(r.Name, $"GRU R is {r.Shape}, expected [1, {3 * hidden}, {hidden}]");
            if (b.Dims[0] != 1 || b.Dims[1] != 6 * hidden) throw Error(b.Name, $"GRU B is {b.Shape}, expected [1, {6 * hidden}]");
            var input = new DenseWeights[3];
            var recurrent = new DenseWeights[3];
            for (int gate = 0; gate < 3; gate++)
            {
                input[gate] = DenseWeights.FromOutputMajor(w.Data.AsSpan(gate * hidden * inputs, hidden * inputs), hidden, inputs);
                recurrent[gate] = DenseWeights.FromOutputMajor(r.Data.AsSpan(gate * hidden * hidden, hidden * hidden), hidden, hidden);
                b.Data.AsSpan(gate * hidden, hidden).CopyTo(input[gate].Bias);
                b.Data.AsSpan((3 + gate) * hidden, hidden).CopyTo(recurrent[gate].Bias);
            }
            return (input, recurrent);
        }

        private OnnxTensor Tensor(string name, int rank)
        {
            if (!graph.Initializers.TryGetValue(name, out var tensor)) throw Error(name, "float initializer not found");
            if (tensor.Dims.Length != rank) throw Error(name, $"has shape {tensor.Shape}, expected rank {rank}");
            foreach (float value in tensor.Data)
                if (!float.IsFinite(value)) throw Error(name, "contains a NaN or infinite weight");
            return tensor;
        }
    }
}
