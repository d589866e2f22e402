using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// NeuralAmpModelerCore's LSTM: stacked <see cref="LstmCell"/>s stepped per sample, then a linear head on the
/// last hidden state. Each layer's initial hidden and cell state are part of the weights.
/// </summary>
public sealed class NamLstmModel : INeuralModel
{
    private readonly LstmCell[] _layers;
    private readonly float[] _headWeight;
    private readonly float _headBias;
    private readonly float[] _input = new float[1];

    internal NamLstmModel(int numLayers, int inputSize, int hiddenSize, float[] weights, double sampleRate)
    {
        var cursor = new WeightCursor(weights);
        _layers = new LstmCell[numLayers];
        for (int l = 0; l < numLayers; l++)
        {
            int inSize = l == 0 ? inputSize : hiddenSize;
            var cell = new LstmCell(inSize, hiddenSize);
            // W is [4H][in + H] row-major (PyTorch's weight_ih and weight_hh side by side), then 4H biases.
            for (int row = 0; row < 4 * hiddenSize; row++)
                for (int col = 0; col < inSize + hiddenSize; col++)
                    cell.SetWeight(row, col, cursor.Next());
            for (int row = 0; row < 4 * hiddenSize; row++) cell.AddBias(row, cursor.Next());
            var h = new float[hiddenSize];
            var c = new float[hiddenSize];
            for (int i = 0; i < hiddenSize; i++) h[i] = cursor.Next();
            for (int i = 0; i < hiddenSize; i++) c[i] = cursor.Next();
            cell.SetInitialState(h, c);
            _layers[l] = cell;
        }
        _headWeight = new float[hiddenSize];
        for (int i = 0; i < hiddenSize; i++) _headWeight[i] = cursor.Next();
        _headBias = cursor.Next();
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before construction");
        SampleRate = sampleRate;
        PrewarmSamples = (int)(0.5 * sampleRate);
    }

    public static long WeightCount(int numLayers, int inputSize, int hiddenSize)
    {
        long total = 0;
        for (int l = 0; l < numLayers; l++)
        {
            int inSize = l == 0 ? inputSize : hiddenSize;
            total += 4L * hiddenSize * (inSize + hiddenSize) + 4L * hiddenSize + 2L * hiddenSize;
        }
        return total + hiddenSize + 1;
    }

    public double SampleRate { get; }

    /// <summary>Half a second, as NeuralAmpModelerCore uses for recurrent models.</summary>
    public int PrewarmSamples { get; }

    public int MaxBlockSize { get; private set; }

    public bool UseFastTanh
    {
        get => _layers.Length > 0 && _layers[0].TanhKind == ActivationKind.FastTanh;
        set
        {
            foreach (var layer in _layers) layer.TanhKind = value ? ActivationKind.FastTanh : ActivationKind.Tanh;
        }
    }

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        MaxBlockSize = maxBlockSize;
    }

    public void Reset()
    {
        foreach (var layer in _layers) layer.Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int t = 0; t < input.Length; t++)
        {
            _input[0] = input[t];
            ReadOnlySpan<float> x = _input;
            foreach (var layer in _layers)
            {
                layer.Step(x);
                x = layer.Hidden;
            }
            float y = _headBias;
            for (int i = 0; i < _headWeight.Length; i++) y += _headWeight[i] * x[i];
            output[t] = y;
        }
    }
}
