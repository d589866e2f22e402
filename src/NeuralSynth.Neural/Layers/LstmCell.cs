using System.Numerics.Tensors;
using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// One LSTM layer stepped a frame at a time, PyTorch semantics (gate order i, f, g, o):
/// <c>c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c)</c> with <c>[i f g o] = W [x; h] + b</c>.
/// Weights are stored per input column so the gate product is a chain of axpy operations.
/// </summary>
public sealed class LstmCell
{
    private readonly float[] _columns; // [(input + hidden)][4 * hidden]
    private readonly float[] _bias;
    private readonly float[] _gates;
    private readonly float[] _initialHidden;
    private readonly float[] _initialCell;
    private readonly float[] _hidden;
    private readonly float[] _cell;
    private readonly float[] _scratch;

    public LstmCell(int inputSize, int hiddenSize)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _columns = new float[(inputSize + hiddenSize) * 4 * hiddenSize];
        _bias = new float[4 * hiddenSize];
        _gates = new float[4 * hiddenSize];
        _initialHidden = new float[hiddenSize];
        _initialCell = new float[hiddenSize];
        _hidden = new float[hiddenSize];
        _cell = new float[hiddenSize];
        _scratch = new float[hiddenSize];
    }

    public int InputSize { get; }
    public int HiddenSize { get; }

    /// <summary>Tanh flavour for the cell; <see cref="ActivationKind.FastTanh"/> mirrors NAM's fast mode.</summary>
    public ActivationKind TanhKind { get; set; } = ActivationKind.Tanh;

    public ReadOnlySpan<float> Hidden => _hidden;

    /// <param name="gateRow">Row of the stacked gate matrix, 0..4H-1, in i, f, g, o order.</param>
    /// <param name="column">0..InputSize-1 for the input, InputSize.. for the recurrent hidden state.</param>
    public void SetWeight(int gateRow, int column, float value) => _columns[column * 4 * HiddenSize + gateRow] = value;

    /// <summary>Adds to a gate bias (PyTorch keeps two biases per gate that simply sum).</summary>
    public void AddBias(int gateRow, float value) => _bias[gateRow] += value;

    public void SetInitialState(ReadOnlySpan<float> hidden, ReadOnlySpan<float> cell)
    {
        hidden.CopyTo(_initialHidden);
        cell.CopyTo(_initialCell);
        Reset();
    }

    public void Reset()
    {
        _initialHidden.CopyTo(_hidden, 0);
        _initialCell.CopyTo(_cell, 0);
    }

    /// <summary>Below this many gate rows per-call overhead of the span primitives outweighs their SIMD.</summary>
    private const int VectorThreshold = 32;

    public void Step(ReadOnlySpan<float> input)
    {
        if (4 * HiddenSize < VectorThreshold) StepScalar(input);
        else StepVector(input);
    }

    private void StepScalar(ReadOnlySpan<float> input)
    {
        int h = HiddenSize;
        int g4 = 4 * h;
        var gates = _gates;
        var columns = _columns;
        Array.Copy(_bias, gates, g4);
        for (int j = 0; j < InputSize + h; j++)
        {
            float x = j < InputSize ? input[j] : _hidden[j - InputSize];
            int column = j * g4;
            for (int g = 0; g < g4; g++) gates[g] += columns[column + g] * x;
        }
        for (int k = 0; k < h; k++)
        {
            float i = Sigmoid(gates[k]);
            float f = Sigmoid(gates[h + k]);
            float g = Activation.Apply(TanhKind, gates[2 * h + k]);
            float o = Sigmoid(gates[3 * h + k]);
            float c = f * _cell[k] + i * g;
            _cell[k] = c;
            _hidden[k] = o * Activation.Apply(TanhKind, c);
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private void StepVector(ReadOnlySpan<float> input)
    {
        int h = HiddenSize;
        int g4 = 4 * h;
        Span<float> gates = _gates;
        _bias.CopyTo(gates);
        for (int j = 0; j < InputSize; j++)
            TensorPrimitives.MultiplyAdd(_columns.AsSpan(j * g4, g4), input[j], gates, gates);
        for (int j = 0; j < h; j++)
            TensorPrimitives.MultiplyAdd(_columns.AsSpan((InputSize + j) * g4, g4), _hidden[j], gates, gates);

        var i = gates[..h];
        var f = gates.Slice(h, h);
        var g = gates.Slice(2 * h, h);
        var o = gates.Slice(3 * h, h);
        TensorPrimitives.Sigmoid(gates[..(2 * h)], gates[..(2 * h)]);
        TensorPrimitives.Sigmoid(o, o);
        Activation.Apply(TanhKind, g);
        TensorPrimitives.Multiply(f, _cell, _cell);
        TensorPrimitives.MultiplyAdd(i, g, _cell, _cell);
        _cell.CopyTo(_scratch, 0);
        Activation.Apply(TanhKind, _scratch);
        TensorPrimitives.Multiply(o, _scratch, _hidden);
    }
}
