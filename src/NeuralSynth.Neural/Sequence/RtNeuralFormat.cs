using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// RTNeural's JSON layer list (written by its Keras/PyTorch export helpers), read as RTNeural's own run-time
/// loader (<c>RTNeural/model_loader.h</c>) reads it: <c>in_shape</c> [.., .., inputs] and <c>layers</c>
/// [{type, shape [.., .., outputs], weights, activation}], with weights in Keras layout:
/// dense [in][out] + optional bias; conv1d [K][in/groups][out] + bias (causal, K-1 = current frame) with
/// kernel_size, dilation and groups; lstm kernel [in][4H] (gates i, f, c, o), recurrent [H][4H], bias [4H];
/// gru kernel [in][3H] (gates z, r, h), recurrent [H][3H], bias [2][3H] (reset_after); prelu [[alpha]] (one
/// per channel or one shared); batchnorm [gamma, beta, mean, variance] (affine) or [mean, variance] with
/// epsilon; "activation" layers. Activations: "", tanh, relu, sigmoid, softmax, elu. Recurrent layers run
/// with tanh (RTNeural ignores their "activation" field; we accept "" and "tanh" and refuse anything else).
/// Unlike RTNeural, unknown layer types are refused rather than skipped, and layers that cannot run sample
/// by sample (2-D layers, strided or "valid"-padded convolutions that change the time axis) are refused.
/// </summary>
internal static class RtNeuralFormat
{
    public static SequenceModel Read(JsonReader root, double sampleRate)
    {
        var shape = root.Array("in_shape");
        if (shape.Length == 0) throw root.Error("in_shape", "must not be empty");
        int width = shape[shape.Length - 1].AsInt(1, SequenceLimits.MaxInputSize);
        int? time = TimeAxis(shape);
        var list = root.Array("layers");
        if (list.Length is < 1 or > SequenceLimits.MaxLayers) throw root.Error("layers", $"must have 1..{SequenceLimits.MaxLayers} entries");

        var layers = new List<SequenceLayer>(list.Length * 2);
        for (int l = 0; l < list.Length; l++)
        {
            var layer = list[l];
            string type = layer.String("type");
            if (type is "conv2d" or "batchnorm2d")
                throw layer.Error("type", $"'{type}' is not supported (2-D layers take spectrogram-like frames, not a sample stream; no audio effect model uses them)");
            var layerShape = layer.Array("shape");
            if (layerShape.Length == 0) throw layer.Error("shape", "must not be empty");
            int outputs = layerShape[layerShape.Length - 1].AsInt(1, SequenceLimits.MaxWidth);
            int? layerTime = TimeAxis(layerShape);
            if (time is int t0 && layerTime is int t1 && t0 != t1)
                throw layer.Error("shape", $"has time axis {t1} but its input has {t0}: only causal, unstrided layers can run sample by sample");
            time = layerTime ?? time;
            var weights = layer.Array("weights");
            string activation = ReadActivation(layer);
            switch (type)
            {
                case "dense" or "time-distributed-dense":
                    layers.Add(Dense(width, outputs, weights, Fused(activation)));
                    AddUnfused(layers, outputs, activation);
                    break;
                case "conv1d":
                    layers.Add(Conv(layer, width, outputs, weights, Fused(activation)));
                    AddUnfused(layers, outputs, activation);
                    break;
                case "lstm" or "gru":
                    if (activation is not ("" or "tanh"))
                        throw layer.Error("activation", $"'{activation}' is not supported on recurrent layers (RTNeural runs them with tanh)");
                    layers.Add(type == "lstm" ? Lstm(width, outputs, weights) : Gru(width, outputs, weights));
                    break;
                case "prelu":
                    ExpectSameWidth(layer, type, width, outputs);
                    layers.Add(PRelu(width, weights));
                    break;
                case "batchnorm":
                    ExpectSameWidth(layer, type, width, outputs);
                    layers.Add(BatchNorm(layer, width, weights));
                    break;
                case "activation":
                    ExpectSameWidth(layer, type, width, outputs);
                    if (activation.Length > 0) layers.Add(new ActivationLayer(width, activation));
                    break;
                default:
                    throw layer.Error("type", $"'{type}' is not supported (dense, time-distributed-dense, conv1d, lstm, gru, prelu, batchnorm, activation are)");
            }
            width = outputs;
        }
        if (width != 1) throw root.Error("layers", $"must end in 1 output (mono audio), not {width}");
        if (layers.Count == 0) throw root.Error("layers", "must hold at least one layer that computes something");
        return new SequenceModel("RTNeural", layers.ToArray(), SequenceOutput.Direct, sampleRate);
    }

    /// <summary>The time entry of a [batch, time, features] shape when it is a number (Keras writes null for "any").</summary>
    private static int? TimeAxis(JsonReader shape) =>
        shape.Length == 3 && shape[1].Element.ValueKind == System.Text.Json.JsonValueKind.Number ? shape[1].AsInt(0, int.MaxValue) : null;

    private static void ExpectSameWidth(JsonReader layer, string type, int inputs, int outputs)
    {
        if (inputs != outputs) throw layer.Error("shape", $"has {outputs} outputs but a {type} layer keeps its input width {inputs}");
    }

    private static string ReadActivation(JsonReader layer)
    {
        string name = layer.StringOrNull("activation") ?? "";
        return name switch
        {
            "" or "linear" => "",
            "tanh" or "relu" or "sigmoid" or "softmax" or "elu" => name,
            _ => throw layer.Error("activation", $"'{name}' is not supported (tanh, relu, sigmoid, softmax, elu are)"),
        };
    }

    /// <summary>tanh, relu and sigmoid run inside the dense/conv layer; softmax and elu as a layer after it.</summary>
    private static ActivationKind Fused(string activation) => activation switch
    {
        "tanh" => ActivationKind.Tanh,
        "relu" => ActivationKind.ReLU,
        "sigmoid" => ActivationKind.Sigmoid,
        _ => ActivationKind.Identity,
    };

    private static void AddUnfused(List<SequenceLayer> layers, int width, string activation)
    {
        if (activation is "softmax" or "elu") layers.Add(new ActivationLayer(width, activation));
    }

    private static PReluLayer PRelu(int width, JsonReader weights)
    {
        ExpectWeightCount(weights, 1);
        var outer = weights[0];
        if (outer.Element.ValueKind != System.Text.Json.JsonValueKind.Array || outer.Length != 1) throw outer.Error("must hold 1 array of alphas");
        var alphas = outer[0].Floats(SequenceLimits.MaxWidth);
        if (alphas.Length != width && alphas.Length != 1) throw outer[0].Error($"must have {width} alphas (or 1 shared), not {alphas.Length}");
        var perChannel = new float[width];
        for (int i = 0; i < width; i++) perChannel[i] = alphas[alphas.Length == 1 ? 0 : i];
        return new PReluLayer(perChannel);
    }

    private static BatchNormLayer BatchNorm(JsonReader layer, int width, JsonReader weights)
    {
        double epsilon = layer.NumberOrNull("epsilon") ?? throw layer.Error("epsilon", "is missing");
        if (epsilon < 0) throw layer.Error("epsilon", "must not be negative");
        if (weights.Length is not (2 or 4)) throw weights.Error("must hold 4 arrays (gamma, beta, mean, variance) or 2 (mean, variance)");
        bool affine = weights.Length == 4;
        var ones = new float[width];
        Array.Fill(ones, 1f);
        var gamma = affine ? weights[0].FloatVector(width) : ones;
        var beta = affine ? weights[1].FloatVector(width) : new float[width];
        var mean = weights[affine ? 2 : 0].FloatVector(width);
        var variance = weights[affine ? 3 : 1].FloatVector(width);
        for (int i = 0; i < width; i++)
            if (variance[i] + epsilon <= 0) throw weights[affine ? 3 : 1].Error($"variance {variance[i]} plus epsilon must be positive");
        return new BatchNormLayer(gamma, beta, mean, variance, (float)epsilon);
    }

    private static void ExpectWeightCount(JsonReader weights, int count)
    {
        if (weights.Length != count) throw weights.Error($"must hold {count} arrays");
    }

    private static DenseLayer Dense(int inputs, int outputs, JsonReader weights, ActivationKind activation)
    {
        // RTNeural's loader takes the bias only when there is one (Keras use_bias=False writes just the kernel).
        if (weights.Length is not (1 or 2)) throw weights.Error("must hold 2 arrays (kernel, bias) or 1 (kernel)");
        var kernel = weights[0].FloatMatrix(inputs, outputs);
        var bias = weights.Length == 2 ? weights[1].FloatVector(outputs) : new float[outputs];
        var dense = new Dense(inputs, outputs);
        for (int i = 0; i < inputs; i++)
            for (int o = 0; o < outputs; o++) dense.SetWeight(o, i, kernel[i * outputs + o]);
        for (int o = 0; o < outputs; o++) dense.SetBias(o, bias[o]);
        return new DenseLayer(dense, activation);
    }

    private static CausalConvLayer Conv(JsonReader layer, int inputs, int outputs, JsonReader weights, ActivationKind activation)
    {
        var kernelSizes = layer.Array("kernel_size");
        var dilations = layer.Array("dilation");
        if (kernelSizes.Length == 0 || dilations.Length == 0) throw layer.Error("kernel_size", "and 'dilation' must not be empty");
        int kernel = kernelSizes[kernelSizes.Length - 1].AsInt(1, SequenceLimits.MaxKernelSize);
        int dilation = dilations[dilations.Length - 1].AsInt(1, SequenceLimits.MaxDilation);
        int groups = layer.IntOr("groups", 1, 1, SequenceLimits.MaxWidth);
        if (inputs % groups != 0 || outputs % groups != 0)
            throw layer.Error("groups", $"{groups} must divide the input width {inputs} and the output width {outputs}");
        foreach (string field in (ReadOnlySpan<string>)["strides", "stride"])
        {
            if (!layer.Has(field)) continue;
            bool isArray = layer.Element.GetProperty(field).ValueKind == System.Text.Json.JsonValueKind.Array;
            var values = isArray ? layer.Array(field) : default;
            int stride = !isArray ? layer.Int(field, 1, SequenceLimits.MaxWidth)
                : values.Length == 0 ? 1 : values[values.Length - 1].AsInt(1, SequenceLimits.MaxWidth);
            if (stride != 1) throw layer.Error(field, $"{stride} is not supported (a strided conv1d changes the frame rate; RTNeural's JSON loader has no stride either)");
        }
        ExpectWeightCount(weights, 2);
        var taps = weights[0];
        if (taps.Length != kernel) throw taps.Error($"must have {kernel} taps");
        int groupInputs = inputs / groups, groupOutputs = outputs / groups;
        var conv = new CausalConvLayer(inputs, outputs, kernel, dilation, activation);
        for (int k = 0; k < kernel; k++)
        {
            // [in/groups][out]: output o sees inputs (o / groupOutputs)·groupInputs + i; other weights stay 0.
            var tap = taps[k].FloatMatrix(groupInputs, outputs);
            for (int i = 0; i < groupInputs; i++)
                for (int o = 0; o < outputs; o++) conv.SetWeight(k, o / groupOutputs * groupInputs + i, o, tap[i * outputs + o]);
        }
        var bias = weights[1].FloatVector(outputs);
        for (int o = 0; o < outputs; o++) conv.SetBias(o, bias[o]);
        return conv;
    }

    private static LstmLayer Lstm(int inputs, int hidden, JsonReader weights)
    {
        ExpectWeightCount(weights, 3);
        var kernel = weights[0].FloatMatrix(inputs, 4 * hidden);
        var recurrent = weights[1].FloatMatrix(hidden, 4 * hidden);
        var bias = weights[2].FloatVector(4 * hidden);
        var cell = new LstmCell(inputs, hidden);
        for (int g = 0; g < 4 * hidden; g++)
        {
            for (int i = 0; i < inputs; i++) cell.SetWeight(g, i, kernel[i * 4 * hidden + g]);
            for (int h = 0; h < hidden; h++) cell.SetWeight(g, inputs + h, recurrent[h * 4 * hidden + g]);
            cell.AddBias(g, bias[g]);
        }
        return new LstmLayer(cell);
    }

    private static GruLayer Gru(int inputs, int hidden, JsonReader weights)
    {
        ExpectWeightCount(weights, 3);
        var kernel = weights[0].FloatMatrix(inputs, 3 * hidden);
        var recurrent = weights[1].FloatMatrix(hidden, 3 * hidden);
        var bias = weights[2].FloatMatrix(2, 3 * hidden);
        var cell = new GruCell(inputs, hidden);
        // Keras gate blocks are (z, r, h); GruCell uses PyTorch's (r, z, n).
        ReadOnlySpan<int> kerasBlockFor = [1, 0, 2];
        for (int block = 0; block < 3; block++)
        {
            int source = kerasBlockFor[block];
            for (int j = 0; j < hidden; j++)
            {
                int row = block * hidden + j;
                int column = source * hidden + j;
                for (int i = 0; i < inputs; i++) cell.SetInputWeight(row, i, kernel[i * 3 * hidden + column]);
                for (int h = 0; h < hidden; h++) cell.SetRecurrentWeight(row, h, recurrent[h * 3 * hidden + column]);
                cell.SetInputBias(row, bias[column]);
                cell.SetRecurrentBias(row, bias[3 * hidden + column]);
            }
        }
        return new GruLayer(cell);
    }
}
