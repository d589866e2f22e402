namespace NeuralSynth.Engine.Security;

/// <summary>
/// The one place that decides whether a model file may be opened. Model files come from the internet: every
/// path a model or its manifest names must stay inside the model's folder, files are size-bounded before
/// anything reads them, and nothing is ever fetched from a network.
/// </summary>
public static class UntrustedModelFolder
{
    public const long MaxModelBytes = 512L << 20;
    public const long MaxManifestBytes = 256L << 10;

    /// <summary>
    /// Resolves <paramref name="relative"/> (as written in a manifest or model) inside <paramref name="folder"/>,
    /// refusing absolute paths, drive letters, backslashes, '..' and anything that resolves outside.
    /// </summary>
    public static string Resolve(string folder, string relative, string source, string field)
    {
        if (string.IsNullOrEmpty(relative) || relative.Length > 260)
            throw Refuse(source, field, "path is empty or longer than 260 characters");
        if (Path.IsPathRooted(relative) || relative.Contains(':') || relative.Contains('\\') || relative.Contains('\0'))
            throw Refuse(source, field, $"path '{relative}' must be relative to the model folder");
        foreach (string part in relative.Split('/'))
            if (part is ".." or "." or "") throw Refuse(source, field, $"path '{relative}' may not contain '..', '.' or empty segments");
        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw Refuse(source, field, $"path '{relative}' leaves the model folder");
        if (IsLinkOutside(full, root)) throw Refuse(source, field, $"path '{relative}' is a link that leaves the model folder");
        return full;
    }

    /// <summary>Checks a file exists and is within a size bound before anything reads it.</summary>
    public static FileInfo RequireFile(string path, long maxBytes, string source, string field)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw Refuse(source, field, $"file '{Path.GetFileName(path)}' not found");
        if (info.Length > maxBytes) throw Refuse(source, field, $"file '{Path.GetFileName(path)}' is {info.Length} bytes, over the {maxBytes} byte limit");
        return info;
    }

    private static bool IsLinkOutside(string full, string root)
    {
        var info = new FileInfo(full);
        if (!info.Exists || info.LinkTarget == null) return false;
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return target == null || !Path.GetFullPath(target.FullName).StartsWith(root, StringComparison.Ordinal);
    }

    private static InvalidInputException Refuse(string source, string field, string problem) => new($"{source}: {field}: {problem}");
}
