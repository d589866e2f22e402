using System.Text.Json;

namespace NeuralSynth.Generation.Model;

/// <summary>
/// Where the shipped generator lives and what its manifest says. The model is found next to the application
/// (models/generator, copied at build) or by walking up to the repository, never downloaded.
/// </summary>
public sealed record GeneratorModelInfo(string ModelPath, int ContextLength, string Scheme)
{
    public const string DefaultFolder = "models/generator";

    public static GeneratorModelInfo Load(string? modelPath = null)
    {
        string path = modelPath ?? Locate();
        string manifest = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "manifest.json");
        int context = 512;
        string scheme = "remi-ns-2";
        if (File.Exists(manifest))
        {
            // The manifest travels with a downloadable model: bounded size, typed fields, bounded context.
            NeuralSynth.Engine.Security.UntrustedModelFolder.RequireFile(manifest, NeuralSynth.Engine.Security.UntrustedModelFolder.MaxManifestBytes, "manifest.json", "file");
            try
            {
                using var doc = NeuralSynth.Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(manifest), manifest);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw new NeuralSynth.Engine.InvalidInputException($"{manifest}: must be a JSON object");
                if (root.TryGetProperty("context_length", out var c))
                {
                    if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out context) || context < 16 || context > 8192)
                        throw new NeuralSynth.Engine.InvalidInputException($"{manifest}: context_length must be an integer 16..8192");
                }
                if (root.TryGetProperty("vocab", out var v) && v.ValueKind == JsonValueKind.Object &&
                    v.TryGetProperty("scheme", out var sch) && sch.ValueKind == JsonValueKind.String)
                    scheme = sch.GetString() ?? scheme;
            }
            catch (JsonException e)
            {
                throw new NeuralSynth.Engine.InvalidInputException($"{manifest}: invalid JSON ({e.Message.Split('\n')[0]})");
            }
        }
        if (scheme != "remi-ns-2") throw new NeuralSynth.Engine.InvalidInputException($"{manifest}: token scheme '{scheme}' does not match this tokenizer (remi-ns-2)");
        return new GeneratorModelInfo(path, context, scheme);
    }

    public ITokenModel Open() => new OnnxTokenModel(ModelPath, ContextLength);

    private static string Locate()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, DefaultFolder, "model.onnx");
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"generator model not found: looked for {DefaultFolder}/model.onnx next to the application and in parent folders");
    }
}
