using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Engine;

namespace NeuralSynth.Rave.Model;

/// <summary>
/// Creates inference sessions on one intra-op thread (the worker is the only thread a model may use, so the
/// audio callback keeps its core) on the named execution provider.
/// </summary>
internal static class OnnxSessions
{
    public static readonly string[] Providers = ["cpu", "cuda"];

    public static InferenceSession Create(string path, string provider)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
        };
        switch (provider.ToLowerInvariant())
        {
            case "cpu":
                break;
            case "cuda":
                if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
                    throw new InvalidInputException("execution provider 'cuda' is not available in this ONNX Runtime build " +
                        "(Microsoft.ML.OnnxRuntime is CPU-only; the Microsoft.ML.OnnxRuntime.Gpu package with CUDA is needed); use 'cpu'");
                try { options.AppendExecutionProvider_CUDA(0); }
                catch (OnnxRuntimeException e) { throw new InvalidInputException($"execution provider 'cuda' failed to start: {e.Message.Split('\n')[0]}", e); }
                break;
            default:
                throw new InvalidInputException($"unknown execution provider '{provider}' (expected one of: {string.Join(", ", Providers)})");
        }
        try
        {
            NeuralSynth.Engine.Security.UntrustedModelFolder.CheckOnnx(path); // size, external data confined to the folder
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidInputException($"{path}: not a loadable ONNX model ({e.Message.Split('\n')[0]})", e);
        }
    }
}
