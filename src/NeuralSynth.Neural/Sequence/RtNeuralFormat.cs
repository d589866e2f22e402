using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// RTNeural's JSON layer list (written by its Keras/PyTorch export helpers): <c>in_shape</c> [.., .., inputs]
/// and <c>layers</c> [{type, shape [.., .., outputs], weights, activation}], with weights in Keras layout:
/// dense [in][out] + bias; conv1d [K][in][out] + bias (causal, K-1 = current frame) with kernel_size and
/// dilation; lstm kernel [in][4H] (gates i, f, c, o), recurrent [H][4H], bias [4H]; gru kernel [in][3H]
/// (gates z, r, h), recurrent [H][3H], bias [2][3H] (reset_after). Activations: "", tanh, relu, sigmoid.
/// </summary>
internal static class RtNeuralFormat
{
    public static SequenceModel Read(JsonReader root, double sampleRate)
    {
        var shape = root.Array("in_shape");
        if (shape.Length == 0) throw root.Error("in_shape", "must not be empty");
        int width = shape[shape.Length - 1].AsInt(1, SequenceLimits.MaxInputSize);
        var list = root.Array("layers");
        if (list.Length is < 1 or > SequenceLimits.MaxLayers) throw root.Error("layers", $"must have 1..{SequenceLimits.MaxLayers} entries");

        var layers = new SequenceLayer[list.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = list[l];
            var layerShape = layer.Array("shape");
            if (layerShape.Length == 0) throw layer.Error("shape", "must not be empty");
            int outputs = layerShape[layerShape.Length - 1].AsInt(1, SequenceLimits.MaxWidth);
            var weights = layer.Array("weights");
            string type = layer.String("type");
            layers[l] = type switch
            {
                "dense" or "time-distributed-dense" => Dense(width, outputs, weights, ReadActivation(layer)),
                "conv1d" => Conv(layer, width, outputs, weights, ReadActivation(layer)),
                "lstm" => Lstm(width, outputs, weights),
                "gru" => Gru(width, outputs, weights),
                _ => throw layer.Error("type", $"'{type}' is not supported (dense, conv1d, lstm, gru are)"),
            };
            if (type is "lstm" or "gru" && ReadActivation(layer) != ActivationKind.Identity)
                throw layer.Error("activation", "is not supported on recurrent layers");
            width = outputs;
        }
        if (width != 1) throw root.Error("layers", $"must end in 1 output (mono audio), not {width}");
        return new SequenceModel("RTNeural", layers, SequenceOutput.Direct, sampleRate);
    }

    private static ActivationKind ReadActivation(JsonReader layer)
    {
        string name = layer.StringOrNull("activation") ?? "";
        return name switch
        {
            "" or "linear" => ActivationKind.Identity,
            "tanh" => ActivationKind.Tanh,
            "relu" => ActivationKind.ReLU,
            "sigmoid" => ActivationKind.Sigmoid,
            _ => throw layer.Error("activation", $"'{name}' is not supported"),
        };
    }

    private static void ExpectWeightCount(JsonReader weights, int count)
    {
        if (weights.Length != count) throw weights.Error($"must hold {count} arrays");
    }

    private static DenseLayer Dense(int inputs, int outputs, JsonReader weights, ActivationKind activation)
    {
        ExpectWeightCount(weights, 2);
        var kernel = weights[0].FloatMatrix(inputs, outputs);
        var bias = weights[1].FloatVector(outputs);
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
        ExpectWeightCount(weights, 2);
        var taps = weights[0];
        if (taps.Length != kernel) throw taps.Error($"must have {kernel} taps");
        var conv = new CausalConvLayer(inputs, outputs, kernel, dilation, activation);
        for (int k = 0; k < kernel; k++)
        {
            var tap = taps[k].FloatMatrix(inputs, outputs);
            for (int i = 0; i < inputs; i++)
                for (int o = 0; o < outputs; o++) conv.SetWeight(k, i, o, tap[i * outputs + o]);
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
