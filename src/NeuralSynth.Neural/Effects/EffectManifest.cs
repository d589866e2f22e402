using System.Text.Json;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Security;

namespace NeuralSynth.Neural.Effects;

/// <summary>
/// The <c>manifest.json</c> beside an effect model (models/fx/*/manifest.json): the rate the model was trained
/// at and its knob names, which neither GuitarML JSON nor ONNX records, plus the ONNX block size. Only those
/// fields are read; the rest (license, source, measured ESR) is documentation.
/// </summary>
public sealed record EffectManifest(double SampleRate, IReadOnlyList<string> KnobNames, int OnnxBlockSize)
{
    public const string FileName = "manifest.json";
    private const int MaxKnobs = 16;
    private const int MaxNameLength = 32;

    /// <summary>The manifest in the model's folder, or null when there is none.</summary>
    public static EffectManifest? LoadBeside(string modelPath)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        string path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Load(path) : null;
    }

    public static EffectManifest Load(string path)
    {
        var info = UntrustedModelFolder.RequireFile(path, UntrustedModelFolder.MaxManifestBytes, FileName, "file");
        JsonDocument document = UntrustedJson.Parse(File.ReadAllBytes(info.FullName), maxDepth: 16, problem => Refuse($"is not valid JSON ({problem})"));
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Refuse("must contain a JSON object");
            double rate = 48000;
            if (root.TryGetProperty("sampleRate", out var r) && (r.ValueKind != JsonValueKind.Number || !r.TryGetDouble(out rate) || rate < 8000 || rate > 384000))
                throw Refuse("sampleRate must be a number from 8000 to 384000");
            var names = new List<string>();
            if (root.TryGetProperty("knobs", out var knobs))
            {
                if (knobs.ValueKind != JsonValueKind.Array || knobs.GetArrayLength() > MaxKnobs)
                    throw Refuse($"knobs must be an array of at most {MaxKnobs} entries");
                foreach (var knob in knobs.EnumerateArray()) names.Add(KnobName(knob, names.Count));
            }
            int block = 0;
            if (root.TryGetProperty("onnx", out var onnx) && onnx.ValueKind == JsonValueKind.Object &&
                onnx.TryGetProperty("blockSize", out var b) && (b.ValueKind != JsonValueKind.Number || !b.TryGetInt32(out block) || block < 1 || block > 1 << 16))
                throw Refuse("onnx.blockSize must be an integer from 1 to 65536");
            return new EffectManifest(rate, names, block);
        }
    }

    /// <summary>"knob1", "knob2", ... for models that name none.</summary>
    public static IReadOnlyList<string> DefaultNames(int count) =>
        Enumerable.Range(1, count).Select(i => "knob" + i).ToArray();

    /// <summary>The manifest's names when they match the model's knob count, otherwise the defaults.</summary>
    public static IReadOnlyList<string> NamesFor(EffectManifest? manifest, int count, string model)
    {
        if (manifest is null || manifest.KnobNames.Count == 0) return DefaultNames(count);
        if (manifest.KnobNames.Count != count)
            throw new InvalidInputException($"{FileName}: names {manifest.KnobNames.Count} knobs but {model} has {count}");
        return manifest.KnobNames;
    }

    private static string KnobName(JsonElement knob, int index)
    {
        if (knob.ValueKind != JsonValueKind.Object || !knob.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String)
            throw Refuse($"knobs[{index}] needs a string 'name'");
        string name = n.GetString()!;
        // Names reach a command line (--knob drive=0.7) and UIs: keep them short identifiers.
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            throw Refuse($"knobs[{index}].name '{name}' must be 1-{MaxNameLength} ASCII letters, digits, '_' or '-'");
        return name;
    }

    private static InvalidInputException Refuse(string problem) => new($"{FileName}: {problem}");
}
