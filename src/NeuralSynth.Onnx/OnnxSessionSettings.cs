namespace NeuralSynth.Onnx;

/// <summary>How a model's session runs.</summary>
/// <param name="Provider">"cpu" (default) or "cuda".</param>
/// <param name="IntraOpThreads">Threads one inference may use; 1 keeps a model on its caller's core (the audio
/// thread or its worker), 0 or less lets ONNX Runtime use every core (offline tools).</param>
/// <param name="AllowSpinning">Whether idle intra-op threads spin; off for models that run beside the audio thread
/// many times per second, where a spinning thread would steal its core.</param>
public sealed record OnnxSessionSettings(string Provider = "cpu", int IntraOpThreads = 1, bool AllowSpinning = true);
