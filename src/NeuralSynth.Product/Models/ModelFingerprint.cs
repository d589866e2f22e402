using System.Security.Cryptography;

namespace NeuralSynth.Product.Models;

/// <summary>
/// SHA-256 over the files that make a model: the file itself (plus the manifest.json beside a .json or .onnx
/// effect, which holds its rate and knob names), or for a folder model its manifest.json and every .onnx in the
/// folder, in name order. Each file contributes its name, length and bytes. A session stores it beside the
/// model's reference so a model that changed since is reported on restore.
/// </summary>
public static class ModelFingerprint
{
    private const long MaxBytes = 1L << 30;

    public static string Compute(ModelEntry entry)
    {
        var files = new List<string>();
        if (Directory.Exists(entry.FullPath))
        {
            files.Add(Path.Combine(entry.FullPath, "manifest.json"));
            files.AddRange(Directory.GetFiles(entry.FullPath, "*.onnx").Order(StringComparer.Ordinal));
        }
        else
        {
            files.Add(entry.FullPath);
            string manifest = Path.Combine(Path.GetDirectoryName(entry.FullPath) ?? ".", "manifest.json");
            if (entry.Kind is EffectModelKind.SequenceJson or EffectModelKind.Onnx && File.Exists(manifest)) files.Add(manifest);
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        var buffer = new byte[1 << 16];
        foreach (string file in files)
        {
            if (!File.Exists(file)) continue;
            using var stream = File.OpenRead(file);
            total += stream.Length;
            if (total > MaxBytes) throw new NeuralSynth.Engine.InvalidInputException($"{entry.FullPath}: model files exceed {MaxBytes >> 20} MiB");
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n" + stream.Length + "\n"));
            int read;
            while ((read = stream.Read(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
