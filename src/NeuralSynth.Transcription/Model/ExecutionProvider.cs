namespace NeuralSynth.Transcription;

/// <summary>Where ONNX Runtime executes the network.</summary>
public enum ExecutionProvider
{
    Cpu,
    Cuda,
}

public static class ExecutionProviderNames
{
    /// <summary>Parses the user-facing names "cpu" and "cuda" (case-insensitive).</summary>
    public static ExecutionProvider Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "cpu" => ExecutionProvider.Cpu,
        "cuda" => ExecutionProvider.Cuda,
        _ => throw new ArgumentException($"Unknown execution provider '{name}'. Use \"cpu\" or \"cuda\".", nameof(name)),
    };
}
