using System.Text.Json;

namespace NeuralSynth.Engine.Security;

/// <summary>
/// Parses JSON from an untrusted file: bounded nesting, UTF-8 validated up front (System.Text.Json only
/// validates a string when it is read, which would surface later as an unexpected exception), and every
/// failure as one <see cref="InvalidInputException"/> line naming the source.
/// </summary>
public static class UntrustedJson
{
    public static JsonDocument Parse(byte[] utf8, string source, int maxDepth = 32)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8)) throw new InvalidInputException($"{source}: invalid JSON (not valid UTF-8 text)");
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new InvalidInputException($"{source}: invalid JSON ({e.Message.Split('\n')[0].TrimEnd('\r')})", e);
        }
    }
}
