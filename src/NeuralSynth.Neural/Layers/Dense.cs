using System.Numerics.Tensors;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// Fully connected layer on one frame: <c>y = W x + b</c>. Weights are stored transposed (one contiguous
/// column of W per input) so the product is a chain of vectorized axpy operations.
/// </summary>
internal sealed class Dense
{
    private readonly float[] _columns; // [input][output]
    private readonly float[] _bias;

    public Dense(int inputs, int outputs)
    {
        if (inputs <= 0 || outputs <= 0) throw new ArgumentOutOfRangeException(nameof(inputs));
        Inputs = inputs;
        Outputs = outputs;
        _columns = new float[inputs * outputs];
        _bias = new float[outputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }

    public void SetWeight(int output, int input, float value) => _columns[input * Outputs + output] = value;

    public void SetBias(int output, float value) => _bias[output] = value;

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        _bias.CopyTo(output);
        for (int i = 0; i < Inputs; i++)
            TensorPrimitives.MultiplyAdd(_columns.AsSpan(i * Outputs, Outputs), input[i], output[..Outputs], output);
    }
}
