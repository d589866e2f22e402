using System.Numerics.Tensors;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// One GRU layer stepped a frame at a time, PyTorch semantics (gate order r, z, n; "reset after"):
/// <c>r = σ(Wr x + br + Ur h + cr); z = σ(Wz x + bz + Uz h + cz); n = tanh(Wn x + bn + r·(Un h + cn));
/// h = (1 - z)·n + z·h</c>. Keras GRU with reset_after=True is the same function with gates reordered.
/// </summary>
internal sealed class GruCell
{
    private readonly float[] _inputColumns;     // [input][3H]
    private readonly float[] _recurrentColumns; // [hidden][3H]
    private readonly float[] _inputBias;
    private readonly float[] _recurrentBias;
    private readonly float[] _fromInput;
    private readonly float[] _fromHidden;
    private readonly float[] _hidden;

    public GruCell(int inputSize, int hiddenSize)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize));
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        _inputColumns = new float[inputSize * 3 * hiddenSize];
        _recurrentColumns = new float[hiddenSize * 3 * hiddenSize];
        _inputBias = new float[3 * hiddenSize];
        _recurrentBias = new float[3 * hiddenSize];
        _fromInput = new float[3 * hiddenSize];
        _fromHidden = new float[3 * hiddenSize];
        _hidden = new float[hiddenSize];
    }

    public int InputSize { get; }
    public int HiddenSize { get; }
    public ReadOnlySpan<float> Hidden => _hidden;

    /// <param name="gateRow">0..3H-1 in r, z, n order.</param>
    public void SetInputWeight(int gateRow, int input, float value) => _inputColumns[input * 3 * HiddenSize + gateRow] = value;

    public void SetRecurrentWeight(int gateRow, int hidden, float value) => _recurrentColumns[hidden * 3 * HiddenSize + gateRow] = value;

    public void SetInputBias(int gateRow, float value) => _inputBias[gateRow] = value;

    public void SetRecurrentBias(int gateRow, float value) => _recurrentBias[gateRow] = value;

    public void Reset() => Array.Clear(_hidden);

    public void Step(ReadOnlySpan<float> input)
    {
        int h = HiddenSize;
        int g3 = 3 * h;
        Span<float> gi = _fromInput;
        Span<float> gh = _fromHidden;
        _inputBias.CopyTo(gi);
        _recurrentBias.CopyTo(gh);
        for (int j = 0; j < InputSize; j++)
            TensorPrimitives.MultiplyAdd(_inputColumns.AsSpan(j * g3, g3), input[j], gi, gi);
        for (int j = 0; j < h; j++)
            TensorPrimitives.MultiplyAdd(_recurrentColumns.AsSpan(j * g3, g3), _hidden[j], gh, gh);

        // r and z: sigmoid of the summed pre-activations (first 2H entries).
        var rz = gi[..(2 * h)];
        TensorPrimitives.Add(rz, gh[..(2 * h)], rz);
        TensorPrimitives.Sigmoid(rz, rz);
        var r = gi[..h];
        var z = gi.Slice(h, h);
        var n = gi.Slice(2 * h, h);
        TensorPrimitives.MultiplyAdd(r, gh.Slice(2 * h, h), n, n);
        TensorPrimitives.Tanh(n, n);
        // h = n + z * (h - n)
        TensorPrimitives.Subtract(_hidden, n, _hidden);
        TensorPrimitives.MultiplyAdd(z, _hidden, n, _hidden);
    }
}
