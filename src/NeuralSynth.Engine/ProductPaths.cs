namespace NeuralSynth.Engine;

/// <summary>
/// Finds the folder that holds the shipped presets/ and models/: NEURALSYNTH_HOME when set, otherwise the
/// nearest ancestor of the executable (or of the working directory) that has both.
/// </summary>
public static class ProductPaths
{
    private static readonly Lazy<string?> CachedRoot = new(Locate);

    public static string? Root => CachedRoot.Value;

    public static string RequireRoot() => Root ?? throw new InvalidInputException(
        "cannot find the presets/ and models/ folders; set NEURALSYNTH_HOME to the NeuralSynth folder");

    public static string Presets => Path.Combine(RequireRoot(), "presets");
    public static string Models => Path.Combine(RequireRoot(), "models");

    /// <summary>A preset given by name (presets/NAME.json) or by path.</summary>
    public static string ResolvePreset(string nameOrPath)
    {
        if (File.Exists(nameOrPath)) return Path.GetFullPath(nameOrPath);
        if (nameOrPath.IndexOfAny(['/', '\\']) < 0)
        {
            string candidate = Path.Combine(Presets, nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? nameOrPath : nameOrPath + ".json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidInputException($"{nameOrPath}: preset not found (give a file path or a name from {Presets})");
    }

    private static string? Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("NEURALSYNTH_HOME");
        if (!string.IsNullOrEmpty(fromEnvironment) && IsRoot(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                if (IsRoot(dir.FullName)) return dir.FullName;
        }
        return null;
    }

    private static bool IsRoot(string folder) =>
        Directory.Exists(Path.Combine(folder, "presets")) && Directory.Exists(Path.Combine(folder, "models"));
}
