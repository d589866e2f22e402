using System.Text.Json;

namespace NeuralSynth.Engine.Security;

/// <summary>
/// Parses JSON from an untrusted file: bounded nesting, UTF-8 validated up front (System.Text.Json only
/// validates a string when it is read, which would surface later as an unexpected exception), and every
/// failure as one <see cref="InvalidInputException"/> line naming the source. Every parser of a file a user
/// can hand us goes through here, so those three guards cannot be forgotten by one of them.
/// </summary>
public static class UntrustedJson
{
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string source, int maxDepth = 32) =>
        Parse(utf8, maxDepth, problem => new InvalidInputException($"{source}: invalid JSON ({problem})"));

    /// <summary>
    /// As <see cref="Parse(ReadOnlyMemory{byte}, string, int)"/>, with the caller's wording: <paramref name="refuse"/>
    /// turns the one-line problem ("not valid UTF-8 text", or the parser's first message line) into the
    /// exception to throw, so a model loader can keep its "file 'x': ..." form.
    /// </summary>
    public static JsonDocument Parse(ReadOnlyMemory<byte> utf8, int maxDepth, Func<string, InvalidInputException> refuse)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8.Span)) throw refuse("not valid UTF-8 text");
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw refuse(e.Message.Split('\n')[0].TrimEnd('\r'));
        }
    }
}
