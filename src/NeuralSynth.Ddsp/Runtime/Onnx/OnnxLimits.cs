using NeuralSynth.Engine;

namespace NeuralSynth.Ddsp.Runtime.Onnx;

/// <summary>
/// Upper bounds for what the weight reader accepts from a model file: generous for the decoders this project
/// trains (under 1 MB, 30 tensors, ~100 nodes), small enough that a hostile file cannot make the loader
/// allocate or loop without limit.
/// </summary>
internal static class OnnxLimits
{
    public const long MaxFileBytes = 64L << 20;
    public const int MaxNameBytes = 4096;
    public const int MaxInitializers = 4096;
    public const int MaxNodes = 65536;
    public const int MaxNodeInputs = 64;
    public const int MaxAttributes = 64;
    public const int MaxDims = 8;
    public const long MaxElements = 16L << 20;

    public static InvalidInputException Error(string file, string field, string problem) => new($"{file}: {field}: {problem}");
}
