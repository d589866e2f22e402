using System.Numerics;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// A linear layer's weights laid out for <see cref="BatchGemm"/>: outputs padded to <see cref="PaddedOutputs"/>
/// (a multiple of 16, zero weights and bias past <see cref="Outputs"/>) and cut into column panels of
/// <see cref="PanelWidth"/> (4 vectors; the last panels 1 vector). Each panel is stored input-major and
/// contiguous, <c>[input][panel column]</c>, so the kernel reads it as one forward stream that the hardware
/// prefetcher follows, instead of 4 lines 1.5 KB apart per input.
/// </summary>
internal sealed class DenseWeights
{
    public const int OutputAlignment = 16;

    /// <param name="lanes">The vector width to cut panels for; by default the widest this CPU accelerates (tests
    /// pass a narrower one to run the narrower kernels on any machine).</param>
    public DenseWeights(int inputs, int outputs, int? lanes = null)
    {
        if (inputs < 1 || outputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs));
        Inputs = inputs;
        Outputs = outputs;
        PaddedOutputs = (outputs + OutputAlignment - 1) / OutputAlignment * OutputAlignment;
        Lanes = lanes ?? (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector.IsHardwareAccelerated ? Vector<float>.Count : 1);
        PanelWidth = 4 * Lanes;
        Matrix = new float[inputs * PaddedOutputs];
        Bias = new float[PaddedOutputs];
    }

    public int Inputs { get; }
    public int Outputs { get; }
    public int PaddedOutputs { get; }

    /// <summary>Vector width the panels were cut for (16 with AVX-512).</summary>
    public int Lanes { get; }
    public int PanelWidth { get; }

    /// <summary>Panels one after another; the panel starting at output column c begins at <c>c · Inputs</c>.</summary>
    public float[] Matrix { get; }

    /// <summary>[padded output]; zero past <see cref="Outputs"/>.</summary>
    public float[] Bias { get; }

    /// <summary>Width of the panel that starts at output column <paramref name="column"/>.</summary>
    public int PanelWidthAt(int column) => column + PanelWidth <= PaddedOutputs / PanelWidth * PanelWidth ? PanelWidth : Lanes;

    public float this[int input, int output]
    {
        get => Matrix[Index(input, output)];
        set => Matrix[Index(input, output)] = value;
    }

    private int Index(int input, int output)
    {
        if ((uint)input >= (uint)Inputs || (uint)output >= (uint)PaddedOutputs) throw new ArgumentOutOfRangeException(nameof(output));
        int fullPanels = PaddedOutputs / PanelWidth * PanelWidth;
        int width = output < fullPanels ? PanelWidth : Lanes;
        int start = output - output % width;
        return start * Inputs + input * width + (output - start);
    }

    /// <summary>From ONNX MatMul's B operand, <c>[inputs, outputs]</c> row-major (y = x·B).</summary>
    public static DenseWeights FromInputMajor(ReadOnlySpan<float> b, int inputs, int outputs, int? lanes = null)
    {
        var w = new DenseWeights(inputs, outputs, lanes);
        for (int i = 0; i < inputs; i++)
            for (int o = 0; o < outputs; o++)
                w[i, o] = b[i * outputs + o];
        return w;
    }

    /// <summary>From an output-major matrix <c>[outputs, inputs]</c> (ONNX GRU's W and R: y = x·Wᵀ).</summary>
    public static DenseWeights FromOutputMajor(ReadOnlySpan<float> a, int outputs, int inputs)
    {
        var w = new DenseWeights(inputs, outputs);
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                w[i, o] = a[o * inputs + i];
        return w;
    }
}
