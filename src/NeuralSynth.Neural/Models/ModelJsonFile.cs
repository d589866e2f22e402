using System.Text.Json;
using NeuralSynth.Neural.Nam;

namespace NeuralSynth.Neural.Models;

/// <summary>
/// Reading a JSON model file that a user handed us (.nam, GuitarML, RTNeural): its size bounded before it is
/// read, then parsed through <see cref="Engine.Security.UntrustedJson"/>, every refusal worded
/// "file 'x': ..." like the rest of the model errors.
/// </summary>
internal static class ModelJsonFile
{
    private const int MaxDepth = 64;

    public static byte[] ReadBounded(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"model file not found: {path}", path);
        if (info.Length > maxBytes)
            throw ModelFormatException.For(path, "file", $"is {info.Length} bytes, larger than the {maxBytes} byte limit");
        return File.ReadAllBytes(path);
    }

    /// <summary>Parses a document that must hold one JSON object, and hands that object to <paramref name="read"/>.</summary>
    public static T Parse<T>(ReadOnlyMemory<byte> utf8Json, string sourceName, long maxBytes, Func<JsonReader, T> read)
    {
        if (utf8Json.Length > maxBytes) throw ModelFormatException.For(sourceName, "file", "is larger than the size limit");
        JsonDocument document = Engine.Security.UntrustedJson.Parse(utf8Json, MaxDepth,
            problem => ModelFormatException.For(sourceName, "file", $"is not valid JSON ({problem})"));
        using (document)
        {
            var root = new JsonReader(sourceName, document.RootElement, "");
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw root.Error("file", "must contain a JSON object");
            return read(root);
        }
    }
}
