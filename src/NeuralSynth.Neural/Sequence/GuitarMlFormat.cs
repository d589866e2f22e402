using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// GuitarML's export of a PyTorch "SimpleRNN" (Automated-GuitarAmpModelling, used by Proteus/SmartAmp):
/// <c>model_data</c> {unit_type LSTM|GRU, input_size (1 audio + knobs), hidden_size, num_layers, skip (0, 1, or our
/// extension 2: output × input)} and
/// <c>state_dict</c> with PyTorch tensors <c>rec.weight_ih_l{k}</c> [G·H][in], <c>rec.weight_hh_l{k}</c> [G·H][H],
/// <c>rec.bias_ih_l{k}</c>, <c>rec.bias_hh_l{k}</c>, <c>lin.weight</c> [1][H], <c>lin.bias</c> [1].
/// </summary>
internal static class GuitarMlFormat
{
    public static SequenceModel Read(JsonReader root, double sampleRate)
    {
        var info = root.Object("model_data");
        string unit = info.String("unit_type");
        int gates = unit switch
        {
            "LSTM" => 4,
            "GRU" => 3,
            _ => throw info.Error("unit_type", $"'{unit}' is not supported (LSTM, GRU are)"),
        };
        int inputSize = info.Int("input_size", 1, SequenceLimits.MaxInputSize);
        int hidden = info.Int("hidden_size", 1, SequenceLimits.MaxWidth);
        int numLayers = info.IntOr("num_layers", 1, 1, SequenceLimits.MaxLayers);
        info.IntOr("output_size", 1, 1, 1);
        var output = (SequenceOutput)info.IntOr("skip", 0, 0, 2); // 2: our gain-computer extension
        bool bias = info.BoolOr("bias_fl", true);
        var state = root.Object("state_dict");

        var layers = new List<SequenceLayer>();
        for (int l = 0; l < numLayers; l++)
        {
            int inSize = l == 0 ? inputSize : hidden;
            var wIh = state.Array($"rec.weight_ih_l{l}").FloatMatrix(gates * hidden, inSize);
            var wHh = state.Array($"rec.weight_hh_l{l}").FloatMatrix(gates * hidden, hidden);
            var bIh = bias ? state.Array($"rec.bias_ih_l{l}").FloatVector(gates * hidden) : new float[gates * hidden];
            var bHh = bias ? state.Array($"rec.bias_hh_l{l}").FloatVector(gates * hidden) : new float[gates * hidden];
            layers.Add(gates == 4 ? Lstm(inSize, hidden, wIh, wHh, bIh, bHh) : Gru(inSize, hidden, wIh, wHh, bIh, bHh));
        }

        var head = new Dense(hidden, 1);
        var linWeight = state.Array("lin.weight").FloatMatrix(1, hidden);
        for (int i = 0; i < hidden; i++) head.SetWeight(0, i, linWeight[i]);
        head.SetBias(0, state.Array("lin.bias").FloatVector(1)[0]);
        layers.Add(new DenseLayer(head, ActivationKind.Identity));
        return new SequenceModel("GuitarML", layers.ToArray(), output, sampleRate);
    }

    private static LstmLayer Lstm(int inSize, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh)
    {
        var cell = new LstmCell(inSize, hidden);
        for (int row = 0; row < 4 * hidden; row++)
        {
            for (int i = 0; i < inSize; i++) cell.SetWeight(row, i, wIh[row * inSize + i]);
            for (int h = 0; h < hidden; h++) cell.SetWeight(row, inSize + h, wHh[row * hidden + h]);
            cell.AddBias(row, bIh[row]);
            cell.AddBias(row, bHh[row]);
        }
        return new LstmLayer(cell);
    }

    private static GruLayer Gru(int inSize, int hidden, float[] wIh, float[] wHh, float[] bIh, float[] bHh)
    {
        var cell = new GruCell(inSize, hidden);
        for (int row = 0; row < 3 * hidden; row++)
        {
            for (int i = 0; i < inSize; i++) cell.SetInputWeight(row, i, wIh[row * inSize + i]);
            for (int h = 0; h < hidden; h++) cell.SetRecurrentWeight(row, h, wHh[row * hidden + h]);
            cell.SetInputBias(row, bIh[row]);
            cell.SetRecurrentBias(row, bHh[row]);
        }
        return new GruLayer(cell);
    }
}
