using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Transcription;

/// <summary>Basic Pitch's session through the product's one ONNX factory (vetting, threads, provider).</summary>
internal static class OnnxSessionFactory
{
    public static InferenceSession Create(string modelPath, ExecutionProvider provider, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Basic Pitch model not found: {modelPath}", modelPath);
        }
        return NeuralSynth.Onnx.OnnxSessionFactory.Create(modelPath,
            new NeuralSynth.Onnx.OnnxSessionSettings(provider == ExecutionProvider.Cuda ? "cuda" : "cpu", intraOpThreads));
    }
}
