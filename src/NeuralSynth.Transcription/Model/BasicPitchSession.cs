using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Onnx;

namespace NeuralSynth.Transcription.Model;

/// <summary>Basic Pitch's session through the product's one ONNX factory (vetting, threads, provider).</summary>
internal static class BasicPitchSession
{
    /// <param name="provider">"cpu" or "cuda", as everywhere in the product (<see cref="OnnxSessionFactory.Providers"/>).</param>
    public static InferenceSession Open(string modelPath, string provider, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Basic Pitch model not found: {modelPath}", modelPath);
        }
        return OnnxSessionFactory.Create(modelPath, new OnnxSessionSettings(provider, intraOpThreads));
    }
}
