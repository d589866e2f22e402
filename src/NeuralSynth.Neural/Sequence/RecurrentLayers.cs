using NeuralSynth.Neural.Layers;

namespace NeuralSynth.Neural.Sequence;

/// <summary><see cref="LstmCell"/> as a sequence layer; its output is the hidden state.</summary>
internal sealed class LstmLayer(LstmCell cell) : SequenceLayer
{
    public LstmCell Cell { get; } = cell;
    public override int InputSize => Cell.InputSize;
    public override int OutputSize => Cell.HiddenSize;
    public override void Reset() => Cell.Reset();

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        Cell.Step(input);
        return Cell.Hidden;
    }
}

/// <summary><see cref="GruCell"/> as a sequence layer; its output is the hidden state.</summary>
internal sealed class GruLayer(GruCell cell) : SequenceLayer
{
    public GruCell Cell { get; } = cell;
    public override int InputSize => Cell.InputSize;
    public override int OutputSize => Cell.HiddenSize;
    public override void Reset() => Cell.Reset();

    public override ReadOnlySpan<float> Step(ReadOnlySpan<float> input)
    {
        Cell.Step(input);
        return Cell.Hidden;
    }
}
