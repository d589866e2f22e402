using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// Loads frame-by-frame models from JSON, detecting the format: GuitarML's
/// <c>{"model_data": ..., "state_dict": ...}</c> or RTNeural's <c>{"in_shape": ..., "layers": [...]}</c>.
/// </summary>
public static class SequenceModelLoader
{
    /// <param name="path">Model file.</param>
    /// <param name="sampleRate">Rate the model was trained at (neither format records it).</param>
    public static SequenceModel Load(string path, double sampleRate = 48000) =>
        Parse(ModelJsonFile.ReadBounded(path, SequenceLimits.MaxFileBytes), path, sampleRate);

    public static SequenceModel Parse(ReadOnlyMemory<byte> utf8Json, string sourceName, double sampleRate = 48000) =>
        ModelJsonFile.Parse(utf8Json, sourceName, SequenceLimits.MaxFileBytes, root =>
        {
            if (root.Has("model_data")) return GuitarMlFormat.Read(root, sampleRate);
            if (root.Has("layers")) return RtNeuralFormat.Read(root, sampleRate);
            throw root.Error("file", "is neither a GuitarML (model_data/state_dict) nor an RTNeural (in_shape/layers) model");
        });
}
