using System.Text;
using System.Text.Json;

namespace NeuralSynth.Product.Models;

/// <summary>
/// Every model the engine can run, found by scanning the model roots (<see cref="ModelRoots"/>) once: effect
/// models (NAM, GuitarML/RTNeural JSON, ONNX effects, RAVE folders, DDSP decoders for timbre transfer) and the
/// DDSP decoders the instrument can play. Scanning only looks at names and small manifests; loading checks
/// everything again (files are untrusted). The order is stable: kind, bundled before user, then name.
/// </summary>
public sealed class ModelLibrary
{
    public const int MaxEntries = 512;
    private const int MaxDepth = 4;
    private const int SniffBytes = 64 * 1024;

    private ModelLibrary(IReadOnlyList<ModelRoot> roots, IReadOnlyList<ModelEntry> effects, IReadOnlyList<string> problems)
    {
        Roots = roots;
        Effects = effects;
        Decoders = effects.Where(e => e.Kind == EffectModelKind.DdspTransfer).ToArray();
        Problems = problems;
    }

    public IReadOnlyList<ModelRoot> Roots { get; }

    /// <summary>Everything the effect can load, in the order its Effect Model parameter lists them (after "None").</summary>
    public IReadOnlyList<ModelEntry> Effects { get; }

    /// <summary>The DDSP decoders (folders), in the order the instrument's Sound Source lists them (after "Additive").</summary>
    public IReadOnlyList<ModelEntry> Decoders { get; }

    /// <summary>Folders that could not be read while scanning (reported, never fatal).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>A library of exactly these models (a path given on the command line).</summary>
    public static ModelLibrary Of(params ModelEntry[] entries) => new(entries.Select(e => e.Root).Distinct().ToArray(), entries, []);

    /// <summary>Scans the bundled folder and the user's folders.</summary>
    public static ModelLibrary Discover(string? bundledModels) => Scan(ModelRoots.Discover(bundledModels));

    public static ModelLibrary Scan(IReadOnlyList<ModelRoot> roots)
    {
        var entries = new List<ModelEntry>();
        var problems = new List<string>();
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            try { ScanFolder(root, root.Path, 0, entries, references); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { problems.Add($"{root.Path}: {e.Message}"); }
        }
        var ordered = entries
            .OrderBy(e => e.Kind)
            .ThenBy(e => e.Root.IsUser)
            .ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Reference, StringComparer.Ordinal)
            .Take(MaxEntries)
            .ToArray();
        return new ModelLibrary(roots, ordered, problems);
    }

    /// <summary>The entry saved as <paramref name="reference"/>; the first root that has it wins.</summary>
    public ModelEntry? Find(string reference) => Effects.FirstOrDefault(e => e.Reference == reference);

    public int IndexOf(ModelEntry entry)
    {
        for (int i = 0; i < Effects.Count; i++) if (ReferenceEquals(Effects[i], entry)) return i;
        return -1;
    }

    private static void ScanFolder(ModelRoot root, string folder, int depth, List<ModelEntry> entries, HashSet<string> references)
    {
        if (entries.Count >= MaxEntries) return;
        string manifest = Path.Combine(folder, "manifest.json");
        string? format = File.Exists(manifest) ? ManifestFormat(manifest, out _) : null;
        if (FolderKind(format) is EffectModelKind folderKind) { Add(folderKind, folder, NameOfFolder(folder)); return; }
        string? effectOnnx = File.Exists(manifest) ? EffectOnnxFile(manifest) : null;

        foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(file);
            string extension = Path.GetExtension(file).ToLowerInvariant();
            switch (extension)
            {
                case ".nam":
                    Add(EffectModelKind.Nam, file, Path.GetFileNameWithoutExtension(file));
                    break;
                case ".json" when name != "manifest.json" && IsSequenceModel(file):
                    Add(EffectModelKind.SequenceJson, file, NameOfFile(file));
                    break;
                // An ONNX file is an effect when its folder's manifest says so, or when it stands alone (a user's bare
                // export); other manifests (generator, transcription, decoders) describe other kinds of model.
                case ".onnx" when format == null ? effectOnnx == null : effectOnnx == name:
                    Add(EffectModelKind.Onnx, file, NameOfFile(file));
                    break;
            }
        }
        if (depth >= MaxDepth) return;
        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden, IgnoreInaccessible = true };
        foreach (string sub in Directory.EnumerateDirectories(folder, "*", options).Order(StringComparer.Ordinal))
        {
            string leaf = Path.GetFileName(sub);
            // Recipes, goldens and checkpoints are not models a user picks.
            if (leaf is "recipe" or "golden" or "checkpoint" or "work") continue;
            ScanFolder(root, sub, depth + 1, entries, references);
        }

        void Add(EffectModelKind kind, string path, string displayName)
        {
            if (entries.Count >= MaxEntries) return;
            string reference = Path.GetRelativePath(root.Path, path).Replace('\\', '/');
            if (!references.Add(reference)) return; // an earlier root already has this name: it wins
            entries.Add(new ModelEntry(kind, displayName, root, reference, path));
        }
    }

    // "model.json" in models/fx/overdrive is "overdrive"; a named file keeps its own name.
    private static string NameOfFile(string file)
    {
        string stem = Path.GetFileNameWithoutExtension(file);
        return stem is "model" or "decoder" ? NameOfFolder(Path.GetDirectoryName(file)!) : stem;
    }

    private static string NameOfFolder(string folder) => Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));

    private const int MaxManifestBytes = 64 * 1024;

    /// <summary>The kind of a model that is a whole folder, from its manifest's format (null: not a folder model).</summary>
    internal static EffectModelKind? FolderKind(string? manifestFormat) => manifestFormat switch
    {
        "neuralsynth-rave" => EffectModelKind.Rave,
        "neuralsynth-ddsp-decoder" => EffectModelKind.DdspTransfer,
        _ => null,
    };

    /// <summary>The manifest's "format" string, or "" when it has none; null when unreadable (the scan skips it).</summary>
    internal static string? ManifestFormat(string manifest, out JsonElement onnx)
    {
        onnx = default;
        try
        {
            return ReadManifestFormat(manifest, out onnx);
        }
        catch (Exception e) when (e is Engine.InvalidInputException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// As <see cref="ManifestFormat"/>, but an unreadable manifest is refused with its reason: a folder the user
    /// names must say why it is not a model, not that it lacks the manifest it has.
    /// </summary>
    internal static string ReadManifestFormat(string manifest, out JsonElement onnx)
    {
        onnx = default;
        var info = new FileInfo(manifest);
        if (info.Length > MaxManifestBytes) throw new Engine.InvalidInputException($"{manifest}: larger than {MaxManifestBytes >> 10} KiB");
        using var document = Engine.Security.UntrustedJson.Parse(File.ReadAllBytes(manifest), manifest, maxDepth: 16);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new Engine.InvalidInputException($"{manifest}: must be a JSON object");
        if (root.TryGetProperty("onnx", out var o) && o.ValueKind == JsonValueKind.Object) onnx = o.Clone();
        return root.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() ?? "" : "";
    }

    private static string? EffectOnnxFile(string manifest)
    {
        ManifestFormat(manifest, out var onnx);
        return onnx.ValueKind == JsonValueKind.Object && onnx.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String
            ? f.GetString() : null;
    }

    // GuitarML files carry "model_data", RTNeural's exporters "in_shape": enough to tell them from other JSON
    // (goldens, vocabularies, presets) without parsing megabytes.
    private static bool IsSequenceModel(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[(int)Math.Min(SniffBytes, stream.Length)];
            int read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var text = buffer.AsSpan(0, read);
            return text.IndexOf("\"model_data\""u8) >= 0 || text.IndexOf("\"in_shape\""u8) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
