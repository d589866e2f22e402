namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// A linear layer's weights laid out for <see cref="BatchGemm"/>: input-major <c>W[input][output]</c> with each
/// input's output row padded to <see cref="PaddedOutputs"/> (a multiple of 16, zeros past <see cref="Outputs"/>)
/// so the kernel streams whole 512-bit vectors of one input row and broadcasts the voice's input value.
/// </summary>
internal sealed class DenseWeights
{
    public const int OutputAlignment = 16;

    public DenseWeights(int inputs, int outputs)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs));
        Inputs = inputs;
        Outputs = outputs;
        PaddedOutputs = (outputs + OutputAlignment - 1) / OutputAlignment * OutputAlignment;
        Matrix = new float[inputs * PaddedOutputs];
        Bias = new float[PaddedOutputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public int PaddedOutputs { get; }

    /// <summary>[input][padded output].</summary>
    public float[] Matrix { get; }

    /// <summary>[padded output]; zero past <see cref="Outputs"/>.</summary>
    public float[] Bias { get; }

    /// <summary>From ONNX MatMul's B operand, <c>[inputs, outputs]</c> row-major (y = x·B).</summary>
    public static DenseWeights FromInputMajor(ReadOnlySpan<float> b, int inputs, int outputs)
    {
        var w = new DenseWeights(inputs, outputs);
        for (int i = 0; i < inputs; i++) b.Slice(i * outputs, outputs).CopyTo(w.Matrix.AsSpan(i * w.PaddedOutputs));
        return w;
    }

    /// <summary>From an output-major matrix <c>[outputs, inputs]</c> (ONNX GRU's W and R: y = x·Wᵀ).</summary>
    public static DenseWeights FromOutputMajor(ReadOnlySpan<float> a, int outputs, int inputs)
    {
        var w = new DenseWeights(inputs, outputs);
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                w.Matrix[i * w.PaddedOutputs + o] = a[o * inputs + i];
        return w;
    }
}
