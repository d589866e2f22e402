namespace NeuralSynth.Rave.Model;

/// <summary>
/// A model folder is untrusted input: every file it names must resolve (links followed) to a regular file
/// inside the folder, and no file may be larger than its bound.
/// </summary>
internal static class ModelFolder
{
    public const long MaxManifestBytes = 64 * 1024;
    public const long MaxGraphBytes = 256L * 1024 * 1024;

    public static string ResolveFile(string folder, string relative, string manifestPath, string field, long maxBytes)
    {
        if (relative.Length == 0 || relative.Length > 255 || Path.IsPathRooted(relative) || relative.Contains('\0'))
            throw Error(manifestPath, field, $"'{relative}' must be a relative file name inside the model folder");
        string root = Path.GetFullPath(folder);
        string rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
            throw Error(manifestPath, field, $"'{relative}' leaves the model folder");
        var info = new FileInfo(full);
        if (!info.Exists) throw Error(manifestPath, field, $"'{relative}' does not exist");
        if (info.LinkTarget != null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target == null || !Path.GetFullPath(target.FullName).StartsWith(rootWithSeparator, StringComparison.Ordinal))
                throw Error(manifestPath, field, $"'{relative}' links outside the model folder");
            info = new FileInfo(target.FullName);
        }
        if (info.Length > maxBytes) throw Error(manifestPath, field, $"'{relative}' is {info.Length} bytes, over the {maxBytes}-byte limit");
        return info.FullName;
    }

    public static NeuralSynth.Engine.InvalidInputException Error(string manifestPath, string field, string problem) =>
        new($"{manifestPath}: {field}: {problem}");
}
