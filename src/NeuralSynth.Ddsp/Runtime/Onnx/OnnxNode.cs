namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>
/// One graph node as far as mapping weights needs it: operator, wiring, and its numeric attributes
/// (int or float; other attribute kinds are recorded by name only, with NaN).
/// </summary>
internal sealed record OnnxNode(string Name, string OpType, string[] Inputs, string[] Outputs, IReadOnlyDictionary<string, double> Attributes)
{
    public double Attribute(string name, double fallback) => Attributes.TryGetValue(name, out double value) ? value : fallback;
}
