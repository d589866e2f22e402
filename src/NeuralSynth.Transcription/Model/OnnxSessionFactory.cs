using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Transcription;

internal static class OnnxSessionFactory
{
    public static InferenceSession Create(string modelPath, ExecutionProvider provider, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Basic Pitch model not found: {modelPath}", modelPath);
        }

        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
            options.InterOpNumThreads = 1;
        }

        try
        {
            if (provider == ExecutionProvider.Cuda)
            {
                AppendCuda(options);
            }

            NeuralSynth.Engine.Security.UntrustedModelFolder.CheckOnnx(modelPath); // size, external data confined to the folder
            return new InferenceSession(modelPath, options);
        }
        finally
        {
            options.Dispose();
        }
    }

    private static void AppendCuda(SessionOptions options)
    {
        if (!OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            throw new NotSupportedException(
                "The CUDA execution provider is not available in this ONNX Runtime build. " +
                "Reference the Microsoft.ML.OnnxRuntime.Gpu package (with CUDA and cuDNN installed) or use \"cpu\".");
        }

        try
        {
            options.AppendExecutionProvider_CUDA(0);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new NotSupportedException($"The CUDA execution provider could not be initialised: {ex.Message}", ex);
        }
    }
}
