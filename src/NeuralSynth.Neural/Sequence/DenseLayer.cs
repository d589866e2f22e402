using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;

namespace NeuralSynth.Neural.Sequence;

/// <summary><see cref="Dense"/> followed by an optional activation, one frame at a time.</summary>
internal sealed class DenseLayer : SequenceLayer
{
    private readonly float[] _output;

    public DenseLayer(Dense dense, ActivationKind activation)
    {
        Dense = dense;
        Activation = activation;
        _output = new float[dense.Outputs];
    }

    public Dense Dense { get; }
    public ActivationKind Activation { get; }
    public override int InputSize => Dense.Inputs;
    public override int OutputSize => Dense.Outputs;
    public override void Reset() { }

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        Dense.Process(input, _output);
        Activations.Activation.Apply(Activation, _output.AsSpan());
        return _output;
    }
}
