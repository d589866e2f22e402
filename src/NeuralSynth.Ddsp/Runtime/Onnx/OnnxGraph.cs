namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>The parts of an ONNX ModelProto's graph that the managed decoder reads: float initializers and nodes.</summary>
internal sealed record OnnxGraph(string File, IReadOnlyDictionary<string, OnnxTensor> Initializers, IReadOnlyList<OnnxNode> Nodes);
