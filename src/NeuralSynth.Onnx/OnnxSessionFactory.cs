using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Security;

namespace NeuralSynth.Onnx;

/// <summary>
/// Opens every ONNX model of the product (effects, RAVE, DDSP decoders, the generator, Basic Pitch) after
/// <see cref="UntrustedOnnxModel.Check"/> has vetted it, with the threads and execution provider of
/// <see cref="OnnxSessionSettings"/>: by default one intra-op thread (the calling thread — audio or a model
/// worker — is the only one a model may use, so the audio callback keeps its core) on the CPU.
/// </summary>
public static class OnnxSessionFactory
{
    public static readonly string[] Providers = ["cpu", "cuda"];

    public static InferenceSession Create(string path, string provider) => Create(path, new OnnxSessionSettings(provider));

    public static InferenceSession Create(string path, OnnxSessionSettings settings)
    {
        UntrustedOnnxModel.Check(path);
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (settings.IntraOpThreads > 0)
        {
            options.IntraOpNumThreads = settings.IntraOpThreads;
            options.InterOpNumThreads = 1;
        }
        if (!settings.AllowSpinning) options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        string provider = settings.Provider;
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
            return new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidInputException($"{Path.GetFileName(path)}: not a loadable ONNX model ({e.Message.Split('\n')[0]})", e);
        }
    }
}
