using System.Text.Json;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Presets;

/// <summary>
/// Loads and validates preset JSON. Every error names the file and the offending field. Model references
/// must stay inside the models folder: presets are shared between users and are untrusted input.
/// </summary>
public static class PresetLoader
{
    public const long MaxFileBytes = 1 << 20;

    public static Preset Load(string path, ParameterRegistry registry, string modelsRoot)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidInputException($"{path}: preset not found");
        if (info.Length > MaxFileBytes) throw new InvalidInputException($"{path}: preset is larger than {MaxFileBytes >> 10} KiB");
        return Parse(File.ReadAllBytes(path), path, registry, modelsRoot);
    }

    public static Preset Parse(byte[] json, string name, ParameterRegistry registry, string modelsRoot)
    {
        JsonDocument document = Security.UntrustedJson.Parse(json, name, maxDepth: 16);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Error(name, "(root)", "must be a JSON object");

            if (!root.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.Number || !schema.TryGetInt32(out int version))
                throw Error(name, "schema", "missing or not an integer");
            if (version > Preset.SchemaVersion) throw Error(name, "schema", $"version {version} was written by a newer NeuralSynth (this one reads up to {Preset.SchemaVersion})");
            if (version < 1) throw Error(name, "schema", $"version {version} is not valid");

            string presetName = Path.GetFileNameWithoutExtension(name);
            if (root.TryGetProperty("name", out var nameElement))
            {
                if (nameElement.ValueKind != JsonValueKind.String) throw Error(name, "name", "must be a string");
                presetName = nameElement.GetString()!;
                if (presetName.Length > 128) throw Error(name, "name", "longer than 128 characters");
            }

            var values = new Dictionary<string, float>(StringComparer.Ordinal);
            if (root.TryGetProperty("parameters", out var parameters))
            {
                if (parameters.ValueKind != JsonValueKind.Object) throw Error(name, "parameters", "must be an object of parameter values");
                foreach (var property in parameters.EnumerateObject())
                {
                    string field = $"parameters.{property.Name}";
                    if (!registry.TryGet(property.Name, out var spec)) throw Error(name, field, "unknown parameter (see `neuralsynth info` for the list)");
                    values[property.Name] = ReadValue(property.Value, spec, name, field);
                }
            }

            var models = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("models", out var modelsElement))
            {
                if (modelsElement.ValueKind != JsonValueKind.Object) throw Error(name, "models", "must be an object of model paths relative to models/");
                foreach (var property in modelsElement.EnumerateObject())
                {
                    string field = $"models.{property.Name}";
                    if (property.Value.ValueKind != JsonValueKind.String) throw Error(name, field, "must be a path string");
                    models[property.Name] = ResolveModelPath(property.Value.GetString()!, modelsRoot, name, field);
                }
            }

            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("schema" or "name" or "description" or "parameters" or "models"))
                    throw Error(name, property.Name, "unknown field");

            return new Preset(presetName, name, values, models);
        }
    }

    /// <summary>Applies a preset's values to a parameter set immediately (no ramps).</summary>
    public static void Apply(Preset preset, ParameterValues values)
    {
        foreach (var (key, value) in preset.Parameters)
            values.SetImmediate(values.Registry[values.Registry.IndexOf(key)].Id, value);
    }

    private static float ReadValue(JsonElement element, ParameterSpec spec, string name, string field)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            if (spec.TryParse(element.GetString()!, out float parsed) && (spec.ValueNames != null || spec.Scale == ParameterScale.Toggle)) return parsed;
            throw Error(name, field, $"'{element.GetString()}' is not one of {DescribeRange(spec)}");
        }
        if (element.ValueKind == JsonValueKind.True || element.ValueKind == JsonValueKind.False)
        {
            if (spec.Scale != ParameterScale.Toggle) throw Error(name, field, "is a number parameter, not true/false");
            return element.GetBoolean() ? spec.Max : spec.Min;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value))
            throw Error(name, field, "must be a number");
        if (!spec.Contains(value)) throw Error(name, field, $"value {value} is outside {DescribeRange(spec)}");
        return spec.Clamp(value);
    }

    private static string DescribeRange(ParameterSpec spec) =>
        spec.ValueNames != null ? string.Join("|", spec.ValueNames) : $"{spec.Min}..{spec.Max}{(spec.Unit.Length > 0 ? " " + spec.Unit : "")}";

    /// <summary>Resolves a model reference, refusing anything that would leave <paramref name="modelsRoot"/>.</summary>
    public static string ResolveModelPath(string relative, string modelsRoot, string name, string field)
    {
        if (relative.Length == 0 || relative.Length > 260) throw Error(name, field, "model path is empty or too long");
        if (Path.IsPathRooted(relative) || relative.Contains(':') || relative.Contains('\\'))
            throw Error(name, field, $"model path '{relative}' must be relative to models/ (forward slashes, no drive or root)");
        foreach (var part in relative.Split('/'))
            if (part is ".." or "." or "") throw Error(name, field, $"model path '{relative}' may not contain '..', '.' or empty segments");
        string root = Path.GetFullPath(modelsRoot);
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Error(name, field, $"model path '{relative}' leaves the models folder");
        if (!File.Exists(full)) throw Error(name, field, $"model file '{relative}' not found in {root}");
        return full;
    }

    private static InvalidInputException Error(string file, string field, string problem) => new($"{file}: {field}: {problem}");
}
