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
        string scheme = "remi-ns-1";
        if (File.Exists(manifest))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(manifest));
            if (doc.RootElement.TryGetProperty("context_length", out var c)) context = c.GetInt32();
            if (doc.RootElement.TryGetProperty("vocab", out var v) && v.TryGetProperty("scheme", out var s)) scheme = s.GetString() ?? scheme;
        }
        if (scheme != "remi-ns-1") throw new InvalidDataException($"{manifest}: token scheme '{scheme}' does not match this tokenizer (remi-ns-1)");
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
