using System.Text.Json;
using NeuralSynth.Engine;

namespace NeuralSynth.Ddsp;

/// <summary>Finds shipped decoders: models/ddsp/&lt;instrument&gt;/manifest.json, or a path given by the user.</summary>
public static class DdspCatalog
{
    public static string Root => Path.Combine(ProductPaths.Models, "ddsp");

    /// <summary>Instrument names with a decoder manifest, sorted.</summary>
    public static IReadOnlyList<string> Instruments() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Where(d => File.Exists(Path.Combine(d, "manifest.json")))
                .Select(Path.GetFileName).OfType<string>().OrderBy(n => n, StringComparer.Ordinal).ToArray()
            : Array.Empty<string>();

    /// <summary>
    /// A decoder from an instrument name ("violin"), a preset name whose models.decoder is set, or a path to a
    /// decoder .onnx / manifest.json. Returns the manifest path.
    /// </summary>
    public static string ResolveDecoder(string instrumentOrPath)
    {
        if (File.Exists(instrumentOrPath))
            return instrumentOrPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(instrumentOrPath))!, "manifest.json")
                : Path.GetFullPath(instrumentOrPath);
        if (instrumentOrPath.IndexOfAny(['/', '\\', ':']) < 0 && instrumentOrPath is not ("." or ".."))
        {
            string manifest = Path.Combine(Root, instrumentOrPath, "manifest.json");
            if (File.Exists(manifest)) return manifest;
            string preset = Path.Combine(ProductPaths.Presets, instrumentOrPath + ".json");
            if (File.Exists(preset) && DecoderOfPreset(preset) is { } fromPreset) return fromPreset;
        }
        throw new InvalidInputException(
            $"{instrumentOrPath}: no such DDSP instrument or decoder file (instruments: {string.Join(", ", Instruments())})");
    }

    private static string? DecoderOfPreset(string presetPath)
    {
        using var document = Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(presetPath), presetPath, maxDepth: 16);
        // The preset is untrusted too: a root, models or decoder of the wrong JSON kind is refused, not thrown as
        // InvalidOperationException ("internal failure") by the element accessors.
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidInputException($"{presetPath}: must be a JSON object");
        if (!root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Object ||
            !models.TryGetProperty("decoder", out var decoder)) return null;
        if (decoder.ValueKind != JsonValueKind.String) throw new InvalidInputException($"{presetPath}: models.decoder must be a string");
        string full = Engine.Presets.PresetLoader.ResolveModelPath(decoder.GetString()!, ProductPaths.Models, presetPath, "models.decoder");
        return Path.Combine(Path.GetDirectoryName(full)!, "manifest.json");
    }
}
