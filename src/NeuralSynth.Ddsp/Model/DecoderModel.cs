using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Engine;

namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// A decoder: its manifest, its weights read from the .onnx for the managed runtime (the product path), and an
/// ONNX Runtime session checked against the manifest (load-time validation and the reference path). The
/// session runs on the calling thread only (one intra-op thread, sequential) when it is used at all.
/// </summary>
public sealed class DecoderModel : IDisposable
{
    private DecoderModel(DecoderManifest manifest, InferenceSession session, Runtime.DecoderWeights weights)
    {
        Manifest = manifest;
        Session = session;
        Weights = weights;
    }

    public DecoderManifest Manifest { get; }
    internal InferenceSession Session { get; }
    internal Runtime.DecoderWeights Weights { get; }

    /// <summary>Buffers and runtime for up to <paramref name="capacity"/> voices per frame (allocates; not for the audio thread).</summary>
    public DecoderBatch CreateBatch(int capacity, DecoderRuntime runtime = DecoderRuntime.Managed) => runtime switch
    {
        DecoderRuntime.Managed => new ManagedDecoderBatch(this, capacity),
        DecoderRuntime.OnnxRuntime => new OnnxDecoderBatch(this, capacity),
        _ => throw new ArgumentOutOfRangeException(nameof(runtime)),
    };

    /// <summary>Loads from a manifest.json, or from a decoder .onnx with manifest.json beside it.</summary>
    public static DecoderModel Load(string path)
    {
        string manifestPath = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "manifest.json")
            : path;
        var manifest = DecoderManifest.Load(manifestPath);
        string modelPath = manifest.ModelPath;
        if (!File.Exists(modelPath)) throw DecoderManifest.Error(manifestPath, "model", $"'{manifest.ModelFile}' not found next to the manifest");

        var session = NeuralSynth.Onnx.OnnxSessionFactory.Create(modelPath, new NeuralSynth.Onnx.OnnxSessionSettings(AllowSpinning: false));
        try
        {
            Check(manifestPath, "inputs", manifest.Inputs, session.InputMetadata);
            Check(manifestPath, "outputs", manifest.Outputs, session.OutputMetadata);
            return new DecoderModel(manifest, session, Runtime.DecoderWeights.Load(modelPath, manifest));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a model whose tensors disagree with its manifest: names, element type and shapes.</summary>
    private static void Check(string manifestPath, string field, IReadOnlyList<TensorSpec> specs, IReadOnlyDictionary<string, NodeMetadata> actual)
    {
        string modelFile = field == "inputs" ? "model inputs" : "model outputs";
        foreach (var name in actual.Keys)
            if (!specs.Any(s => s.Name == name)) throw DecoderManifest.Error(manifestPath, field, $"the model has '{name}', which the manifest does not declare");
        for (int i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            string at = $"{field}[{i}] ({spec.Name})";
            if (!actual.TryGetValue(spec.Name, out var meta)) throw DecoderManifest.Error(manifestPath, at, $"not among the {modelFile} ({string.Join(", ", actual.Keys)})");
            if (meta.ElementDataType != Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float)
                throw DecoderManifest.Error(manifestPath, at, $"the model's type is {meta.ElementDataType}, the manifest says float32");
            int[] dims = meta.Dimensions;
            string shape = "[" + string.Join(", ", dims.Select((d, k) => d < 0 ? (meta.SymbolicDimensions[k] is { Length: > 0 } s ? s : "?") : d.ToString())) + "]";
            if (dims.Length != 2 || dims[0] >= 0 || dims[1] != spec.Width)
                throw DecoderManifest.Error(manifestPath, at, $"the manifest says [voices, {spec.Width}] but the model has {shape}");
        }
    }

    public void Dispose() => Session.Dispose();
}
