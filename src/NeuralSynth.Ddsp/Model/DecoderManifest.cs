using System.Text.Json;
using NeuralSynth.Engine;

namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// The contract of a decoder (models/ddsp/&lt;instrument&gt;/manifest.json): rates, sizes and the exact names,
/// shapes and units of its inputs and outputs. Every problem is one line naming the file and the field.
/// </summary>
public sealed record DecoderManifest(
    string SourcePath, string Instrument, string ModelFile, double SampleRate, double FrameRate,
    int Harmonics, int NoiseBands, double BandMaxHz, int StateSize, double LoudnessWindowSeconds,
    IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    public const string Format = "neuralsynth-ddsp-decoder";
    public const int FormatVersion = 1;
    public const long MaxFileBytes = 1 << 20;

    /// <summary>The names the runtime binds, in this order: f0, loudness, state.</summary>
    public static readonly string[] InputNames = ["f0_hz", "loudness_db", "state_in"];

    /// <summary>amplitude, harmonic distribution, noise magnitudes, state.</summary>
    public static readonly string[] OutputNames = ["amplitude", "harmonic_distribution", "noise_magnitudes", "state_out"];

    public string ModelPath => Path.Combine(Path.GetDirectoryName(SourcePath) ?? ".", ModelFile);

    public static DecoderManifest Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidInputException($"{path}: decoder manifest not found");
        if (info.Length > MaxFileBytes) throw new InvalidInputException($"{path}: manifest is larger than {MaxFileBytes >> 10} KiB");
        var document = NeuralSynth.Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(path), path, maxDepth: 16);
        using (document) return Parse(document.RootElement, path);
    }

    private static DecoderManifest Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Error(path, "(root)", "must be a JSON object");
        string format = String(root, "format", path);
        if (format != Format) throw Error(path, "format", $"'{format}' is not '{Format}'");
        int version = Int(root, "formatVersion", path, 1, 1000);
        if (version > FormatVersion) throw Error(path, "formatVersion", $"version {version} is newer than this NeuralSynth reads ({FormatVersion})");
        string model = String(root, "model", path);
        if (model.Contains('/') || model.Contains('\\') || model.Contains(':') || model is "." or "..")
            throw Error(path, "model", $"'{model}' must be a file name next to the manifest");

        var manifest = new DecoderManifest(
            path, String(root, "instrument", path), model,
            Number(root, "sampleRate", path, 8000, 384000), Number(root, "frameRate", path, 50, 2000),
            Int(root, "harmonics", path, 1, 200), Int(root, "noiseBands", path, 2, 1024),
            Number(root, "bandMaxHz", path, 1000, 192000), Int(root, "stateSize", path, 1, 4096),
            Number(Object(root, "loudness", path), "windowSeconds", path, 0.001, 1, "loudness."),
            Tensors(root, "inputs", path), Tensors(root, "outputs", path));
        manifest.CheckNames(path);
        return manifest;
    }

    /// <summary>The widths the runtime relies on must agree with the scalar fields.</summary>
    private void CheckNames(string path)
    {
        int[] inputWidths = [1, 1, StateSize];
        int[] outputWidths = [1, Harmonics, NoiseBands, StateSize];
        CheckList(path, "inputs", Inputs, InputNames, inputWidths);
        CheckList(path, "outputs", Outputs, OutputNames, outputWidths);
    }

    private static void CheckList(string path, string field, IReadOnlyList<TensorSpec> specs, string[] names, int[] widths)
    {
        if (specs.Count != names.Length)
            throw Error(path, field, $"has {specs.Count} entries, expected {names.Length} ({string.Join(", ", names)})");
        for (int i = 0; i < names.Length; i++)
        {
            if (specs[i].Name != names[i]) throw Error(path, $"{field}[{i}].name", $"'{specs[i].Name}' should be '{names[i]}'");
            if (specs[i].Width != widths[i]) throw Error(path, $"{field}[{i}].shape", $"[voices, {specs[i].Width}] disagrees with the manifest's sizes (expected [voices, {widths[i]}])");
        }
    }

    private static IReadOnlyList<TensorSpec> Tensors(JsonElement root, string field, string path)
    {
        if (!root.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array) throw Error(path, field, "missing or not an array");
        var specs = new List<TensorSpec>();
        int index = 0;
        foreach (var item in list.EnumerateArray())
        {
            string at = $"{field}[{index++}]";
            if (item.ValueKind != JsonValueKind.Object) throw Error(path, at, "must be an object");
            string name = String(item, "name", path, at + ".");
            if (item.TryGetProperty("type", out var type) && type.GetString() != "float32") throw Error(path, at + ".type", "only float32 is supported");
            if (!item.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array || shape.GetArrayLength() != 2)
                throw Error(path, at + ".shape", "must be [\"voices\", width]");
            if (shape[0].ValueKind != JsonValueKind.String || shape[0].GetString() != "voices") throw Error(path, at + ".shape", "first dimension must be \"voices\"");
            if (shape[1].ValueKind != JsonValueKind.Number || !shape[1].TryGetInt32(out int width) || width < 1) throw Error(path, at + ".shape", "second dimension must be a positive integer");
            string unit = item.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
            specs.Add(new TensorSpec(name, width, unit));
        }
        return specs;
    }

    private static JsonElement Object(JsonElement root, string field, string path) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw Error(path, field, "missing or not an object");

    private static string String(JsonElement root, string field, string path, string prefix = "") =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(path, prefix + field, "missing or not a string");

    private static double Number(JsonElement root, string field, string path, double min, double max, string prefix = "")
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number)) throw Error(path, prefix + field, "missing or not a number");
        if (!(number >= min && number <= max)) throw Error(path, prefix + field, $"{number} is outside {min}..{max}");
        return number;
    }

    private static int Int(JsonElement root, string field, string path, int min, int max)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number)) throw Error(path, field, "missing or not an integer");
        if (number < min || number > max) throw Error(path, field, $"{number} is outside {min}..{max}");
        return number;
    }

    internal static InvalidInputException Error(string file, string field, string problem) => new($"{file}: {field}: {problem}");
}
