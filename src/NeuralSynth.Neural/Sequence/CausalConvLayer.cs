using System.Numerics.Tensors;
using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// Causal dilated 1-D convolution stepped one frame at a time (RTNeural's "conv1d", Keras padding="causal"):
/// <c>y[o] = b[o] + sum_k sum_i W[k][i][o] · x_{t-(K-1-k)·d}[i]</c>, tap K-1 being the current frame.
/// Past input frames sit in a ring of (K-1)·d+1 frames.
/// </summary>
internal sealed class CausalConvLayer : SequenceLayer
{
    private readonly float[] _weights; // [tap][in][out]
    private readonly float[] _bias;
    private readonly float[] _history; // [slot][in]
    private readonly float[] _output;
    private readonly int _slots;
    private int _newest;

    public CausalConvLayer(int inputSize, int outputSize, int kernelSize, int dilation, ActivationKind activation)
    {
        if (inputSize <= 0 || outputSize <= 0 || kernelSize <= 0 || dilation <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize));
        InputSize = inputSize;
        OutputSize = outputSize;
        KernelSize = kernelSize;
        Dilation = dilation;
        Activation = activation;
        _weights = new float[kernelSize * inputSize * outputSize];
        _bias = new float[outputSize];
        _slots = (kernelSize - 1) * dilation + 1;
        _history = new float[_slots * inputSize];
        _output = new float[outputSize];
    }

    public override int InputSize { get; }
    public override int OutputSize { get; }
    public int KernelSize { get; }
    public int Dilation { get; }
    public ActivationKind Activation { get; }

    public void SetWeight(int tap, int input, int output, float value) => _weights[(tap * InputSize + input) * OutputSize + output] = value;

    public void SetBias(int output, float value) => _bias[output] = value;

    public override void Reset()
    {
        Array.Clear(_history);
        _newest = 0;
    }

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        _newest = (_newest + 1) % _slots;
        input[..InputSize].CopyTo(_history.AsSpan(_newest * InputSize, InputSize));
        _bias.CopyTo(_output, 0);
        for (int tap = 0; tap < KernelSize; tap++)
        {
            int delay = (KernelSize - 1 - tap) * Dilation;
            int slot = (_newest - delay + _slots) % _slots;
            for (int i = 0; i < InputSize; i++)
                TensorPrimitives.MultiplyAdd(_weights.AsSpan((tap * InputSize + i) * OutputSize, OutputSize),
                    _history[slot * InputSize + i], _output, _output);
        }
        Activations.Activation.Apply(Activation, _output.AsSpan());
        return _output;
    }
}
