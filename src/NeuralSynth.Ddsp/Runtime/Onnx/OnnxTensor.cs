namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>A float initializer as stored in the model: its name, ONNX dimensions and row-major data.</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, float[] Data)
{
    public string Shape => "[" + string.Join(", ", Dims) + "]";
}
