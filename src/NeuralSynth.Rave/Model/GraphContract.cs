using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NeuralSynth.Rave.Model;

/// <summary>
/// Checks a loaded graph against what the manifest says about it: every named tensor exists, fixed dimensions
/// agree, and every graph input is one the host will feed. A disagreement is one line naming the manifest and
/// the field, so a mislabelled model is refused at load rather than failing (or misbehaving) mid-stream.
/// </summary>
internal static class GraphContract
{
    public static void Check(InferenceSession session, string manifestPath, string field, string file,
        (string Name, int Channels)[] inputs, (string Name, int Channels)[] outputs, IReadOnlyList<StateTensor> states)
    {
        var declaredInputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, channels) in inputs)
        {
            CheckTensor(session.InputMetadata, name, channels, manifestPath, field, file, "input");
            declaredInputs.Add(name);
        }
        foreach (var (name, channels) in outputs) CheckTensor(session.OutputMetadata, name, channels, manifestPath, field, file, "output");
        for (int i = 0; i < states.Count; i++)
        {
            var s = states[i];
            string stateField = $"{field}.states[{i}]";
            CheckShape(session.InputMetadata, s.Input, s.Shape, manifestPath, stateField + ".input", file);
            CheckShape(session.OutputMetadata, s.Output, s.Shape, manifestPath, stateField + ".output", file);
            declaredInputs.Add(s.Input);
        }
        foreach (var name in session.InputMetadata.Keys)
            if (!declaredInputs.Contains(name))
                throw ModelFolder.Error(manifestPath, field + ".states", $"{file} has input '{name}' that the manifest does not list (missing state tensor?)");
    }

    private static void CheckTensor(IReadOnlyDictionary<string, NodeMetadata> metadata, string name, int channels,
        string manifestPath, string field, string file, string role)
    {
        if (!metadata.TryGetValue(name, out var meta))
            throw ModelFolder.Error(manifestPath, $"{field}.{role}", $"{file} has no {role} named '{name}'");
        if (meta.ElementDataType != TensorElementType.Float)
            throw ModelFolder.Error(manifestPath, $"{field}.{role}", $"{file} {role} '{name}' is {meta.ElementDataType}, not float32");
        int[] dims = meta.Dimensions;
        if (dims.Length != 3 || (dims[1] > 0 && dims[1] != channels))
            throw ModelFolder.Error(manifestPath, FieldFor(field, role), $"the manifest implies {channels} channels but {file} {role} '{name}' has shape [{Format(dims)}]");
    }

    private static void CheckShape(IReadOnlyDictionary<string, NodeMetadata> metadata, string name, long[] shape,
        string manifestPath, string field, string file)
    {
        if (!metadata.TryGetValue(name, out var meta))
            throw ModelFolder.Error(manifestPath, field, $"{file} has no tensor named '{name}'");
        int[] dims = meta.Dimensions;
        bool ok = meta.ElementDataType == TensorElementType.Float && dims.Length == shape.Length;
        for (int d = 0; ok && d < dims.Length; d++) ok = dims[d] <= 0 || dims[d] == shape[d];
        if (!ok) throw ModelFolder.Error(manifestPath, field, $"declared shape [{string.Join(", ", shape)}] but {file} '{name}' has shape [{Format(dims)}]");
    }

    // A channel mismatch on the latent side is the manifest's latent_size being wrong; name that field.
    private static string FieldFor(string field, string role) =>
        (field, role) switch
        {
            ("encoder", "output") or ("decoder", "input") or ("prior", "input") or ("prior", "output") => "latent_size",
            _ => $"{field}.{role}",
        };

    private static string Format(int[] dims) => string.Join(", ", dims.Select(d => d <= 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
