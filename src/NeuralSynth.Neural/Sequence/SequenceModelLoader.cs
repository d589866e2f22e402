using System.Text.Json;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// Loads frame-by-frame models from JSON, detecting the format: GuitarML's
/// <c>{"model_data": ..., "state_dict": ...}</c> or RTNeural's <c>{"in_shape": ..., "layers": [...]}</c>.
/// </summary>
public static class SequenceModelLoader
{
    /// <param name="path">Model file.</param>
    /// <param name="sampleRate">Rate the model was trained at (neither format records it).</param>
    public static SequenceModel Load(string path, double sampleRate = 48000)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"model file not found: {path}", path);
        if (info.Length > SequenceLimits.MaxFileBytes)
            throw ModelFormatException.For(path, "file", $"is {info.Length} bytes, larger than the {SequenceLimits.MaxFileBytes} byte limit");
        return Parse(File.ReadAllBytes(path), path, sampleRate);
    }

    public static SequenceModel Parse(ReadOnlyMemory<byte> utf8Json, string sourceName, double sampleRate = 48000)
    {
        if (utf8Json.Length > SequenceLimits.MaxFileBytes) throw ModelFormatException.For(sourceName, "file", "is larger than the size limit");
        JsonDocument document = Engine.Security.UntrustedJson.Parse(utf8Json, maxDepth: 64,
            problem => ModelFormatException.For(sourceName, "file", $"is not valid JSON ({problem})"));
        using (document)
        {
            var root = new JsonReader(sourceName, document.RootElement, "");
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw root.Error("file", "must contain a JSON object");
            if (root.Has("model_data")) return GuitarMlFormat.Read(root, sampleRate);
            if (root.Has("layers")) return RtNeuralFormat.Read(root, sampleRate);
            throw root.Error("file", "is neither a GuitarML (model_data/state_dict) nor an RTNeural (in_shape/layers) model");
        }
    }
}
