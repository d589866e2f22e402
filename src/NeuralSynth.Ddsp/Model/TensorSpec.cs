namespace NeuralSynth.Ddsp.Model;

/// <summary>One input or output as the manifest declares it: the first dimension is the voice batch.</summary>
public sealed record TensorSpec(string Name, int Width, string Unit);
