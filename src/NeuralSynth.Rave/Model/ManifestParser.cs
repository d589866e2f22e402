using System.Text.Json;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Security;

namespace NeuralSynth.Rave.Model;

/// <summary>
/// Reads manifest.json with a size bound and checks every field's type and range, so anything wrong is reported
/// as one line naming the file and the field rather than surfacing later as a shape error inside ONNX Runtime.
/// </summary>
internal static class ManifestParser
{
    public const string FileName = "manifest.json";
    private const string Format = "neuralsynth-rave";
    private const int MaxStates = 512;

    public static RaveManifest Load(string folder, out string manifestPath)
    {
        manifestPath = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: model folder not found");
        string resolved = ModelFolder.ResolveFile(folder, FileName, manifestPath, "manifest", ModelFolder.MaxManifestBytes);
        byte[] bytes = File.ReadAllBytes(resolved);
        if (bytes.Length > ModelFolder.MaxManifestBytes) throw new InvalidInputException($"{manifestPath}: larger than {ModelFolder.MaxManifestBytes} bytes");
        string source = manifestPath;
        using var doc = UntrustedJson.Parse(bytes, maxDepth: 16, problem => new InvalidInputException($"{source}: not valid JSON ({problem})"));
        return Parse(doc.RootElement, source);
    }

    private static RaveManifest Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw ModelFolder.Error(path, "(root)", "must be a JSON object");
        string format = String(root, "format", path);
        if (format != Format) throw ModelFolder.Error(path, "format", $"'{format}' is not '{Format}'");
        Int(root, "format_version", path, 1, 1); // only version 1 exists; a later one must be refused, not guessed at
        int ratio = Int(root, "compression_ratio", path, 1, 65536);
        int latent = Int(root, "latent_size", path, 1, 256);
        PqmfSpec? pqmf = ParsePqmf(root, path);
        if (pqmf is { OnHost: true } && ratio % pqmf.Bands != 0)
            throw ModelFolder.Error(path, "compression_ratio", $"{ratio} is not a multiple of pqmf.bands {pqmf.Bands}");
        var chunks = new List<int>();
        var chunkArray = Required(root, "chunk_sizes", path, JsonValueKind.Array);
        foreach (var item in chunkArray.EnumerateArray())
        {
            if (chunks.Count == 16) throw ModelFolder.Error(path, "chunk_sizes", "more than 16 entries");
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out int chunk) || chunk < ratio || chunk > 1 << 20 || chunk % ratio != 0)
                throw ModelFolder.Error(path, "chunk_sizes", $"every entry must be a positive multiple of compression_ratio {ratio} up to {1 << 20}");
            chunks.Add(chunk);
        }
        if (chunks.Count == 0) throw ModelFolder.Error(path, "chunk_sizes", "must list at least one chunk size");
        return new RaveManifest(
            Name: String(root, "name", path),
            SampleRate: Int(root, "sample_rate", path, 8000, 384000),
            Channels: Int(root, "channels", path, 1, 8),
            CompressionRatio: ratio,
            LatentSize: latent,
            Pqmf: pqmf,
            ModelDelaySamples: root.TryGetProperty("model_delay_samples", out _) ? Int(root, "model_delay_samples", path, 0, 1 << 20) : 0,
            ChunkSizes: chunks,
            Encoder: ParseGraph(Required(root, "encoder", path, JsonValueKind.Object), path, "encoder"),
            Decoder: ParseGraph(Required(root, "decoder", path, JsonValueKind.Object), path, "decoder"),
            Prior: ParsePrior(root, path),
            License: String(root, "license", path),
            Source: String(root, "source", path, 2048),
            Pitch: ParsePitch(root, path, latent));
    }

    /// <summary>The pitch dimension and its scale come together: transposing needs both.</summary>
    private static PitchLatent? ParsePitch(JsonElement root, string path, int latent)
    {
        if (!root.TryGetProperty("pitch_dimension", out var p) || p.ValueKind == JsonValueKind.Null) return null;
        int dimension = Int(root, "pitch_dimension", path, 0, latent - 1);
        double perSemitone = Double(root, "pitch_latent_per_semitone", path, 1e-4, 10);
        return new PitchLatent(dimension, (float)perSemitone);
    }

    private static PqmfSpec? ParsePqmf(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pqmf", out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind != JsonValueKind.Object) throw ModelFolder.Error(path, "pqmf", "must be an object or null");
        int bands = Int(p, "bands", path, 2, 64, "pqmf.");
        int taps = Int(p, "taps", path, 2 * bands, 8192, "pqmf.");
        if (taps % bands != 0 || taps % 2 != 0) throw ModelFolder.Error(path, "pqmf.taps", $"{taps} must be even and a multiple of bands {bands}");
        double cutoff = Double(p, "cutoff", path, 1e-6, Math.PI - 1e-6, "pqmf.");
        double beta = Double(p, "beta", path, 0, 49, "pqmf.");
        string location = String(p, "location", path, 16, "pqmf.");
        if (location is not ("host" or "graph")) throw ModelFolder.Error(path, "pqmf.location", $"'{location}' is not 'host' or 'graph'");
        return new PqmfSpec(bands, taps, cutoff, beta, location == "host");
    }

    private static GraphSpec ParseGraph(JsonElement g, string path, string name) =>
        new(String(g, "file", path, 255, name + "."), String(g, "input", path, 256, name + "."),
            String(g, "output", path, 256, name + "."), ParseStates(g, path, name));

    private static PriorSpec? ParsePrior(JsonElement root, string path)
    {
        if (!root.TryGetProperty("prior", out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind != JsonValueKind.Object) throw ModelFolder.Error(path, "prior", "must be an object or null");
        return new PriorSpec(String(p, "file", path, 255, "prior."), String(p, "input", path, 256, "prior."),
            String(p, "mean", path, 256, "prior."), String(p, "logstd", path, 256, "prior."), ParseStates(p, path, "prior"));
    }

    private static List<StateTensor> ParseStates(JsonElement g, string path, string graph)
    {
        var states = new List<StateTensor>();
        var array = Required(g, "states", path, JsonValueKind.Array, graph + ".");
        foreach (var s in array.EnumerateArray())
        {
            string field = $"{graph}.states[{states.Count}]";
            if (states.Count == MaxStates) throw ModelFolder.Error(path, graph + ".states", $"more than {MaxStates} entries");
            if (s.ValueKind != JsonValueKind.Object) throw ModelFolder.Error(path, field, "must be an object");
            var shapeArray = Required(s, "shape", path, JsonValueKind.Array, field + ".");
            var shape = new List<long>();
            long elements = 1;
            foreach (var d in shapeArray.EnumerateArray())
            {
                if (shape.Count == 8 || !d.TryGetInt64(out long dim) || dim < 1 || dim > 1 << 24)
                    throw ModelFolder.Error(path, field + ".shape", "must list up to 8 positive dimensions");
                elements *= dim;
                if (elements > 1 << 24) throw ModelFolder.Error(path, field + ".shape", "more than 16M elements");
                shape.Add(dim);
            }
            if (shape.Count == 0) throw ModelFolder.Error(path, field + ".shape", "must not be empty");
            states.Add(new StateTensor(String(s, "input", path, 256, field + "."), String(s, "output", path, 256, field + "."), shape.ToArray()));
        }
        return states;
    }

    private static JsonElement Required(JsonElement o, string name, string path, JsonValueKind kind, string prefix = "")
    {
        if (!o.TryGetProperty(name, out var value)) throw ModelFolder.Error(path, prefix + name, "missing");
        if (value.ValueKind != kind) throw ModelFolder.Error(path, prefix + name, $"must be {(kind == JsonValueKind.Array ? "an array" : "an object")}");
        return value;
    }

    private static string String(JsonElement o, string name, string path, int maxLength = 256, string prefix = "")
    {
        if (!o.TryGetProperty(name, out var value)) throw ModelFolder.Error(path, prefix + name, "missing");
        if (value.ValueKind != JsonValueKind.String) throw ModelFolder.Error(path, prefix + name, "must be a string");
        string s = value.GetString()!;
        if (s.Length == 0 || s.Length > maxLength) throw ModelFolder.Error(path, prefix + name, $"must be 1..{maxLength} characters");
        return s;
    }

    private static int Int(JsonElement o, string name, string path, int min, int max, string prefix = "")
    {
        if (!o.TryGetProperty(name, out var value)) throw ModelFolder.Error(path, prefix + name, "missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int i) || i < min || i > max)
            throw ModelFolder.Error(path, prefix + name, $"must be an integer in {min}..{max}");
        return i;
    }

    private static double Double(JsonElement o, string name, string path, double min, double max, string prefix = "")
    {
        if (!o.TryGetProperty(name, out var value)) throw ModelFolder.Error(path, prefix + name, "missing");
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double d) || !double.IsFinite(d) || d < min || d > max)
            throw ModelFolder.Error(path, prefix + name, $"must be a number in {min}..{max}");
        return d;
    }
}
