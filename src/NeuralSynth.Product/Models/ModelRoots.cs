namespace NeuralSynth.Product.Models;

/// <summary>
/// Where models are looked for, in order: the bundled models/ folder, then the user's folders —
/// <c>$XDG_DATA_HOME/NeuralSynth/models</c> (default <c>~/.local/share/NeuralSynth/models</c>), or
/// <c>%APPDATA%\NeuralSynth\models</c> on Windows — then every folder in <c>NEURALSYNTH_MODEL_PATH</c>
/// (separated like PATH). Folders that do not exist are skipped; the same folder is listed once.
/// </summary>
public static class ModelRoots
{
    public const string PathVariable = "NEURALSYNTH_MODEL_PATH";

    public static IReadOnlyList<ModelRoot> Discover(string? bundledModels) =>
        Discover(bundledModels, Environment.GetEnvironmentVariable);

    /// <summary>Test seam: the environment as a function.</summary>
    public static IReadOnlyList<ModelRoot> Discover(string? bundledModels, Func<string, string?> environment)
    {
        var roots = new List<ModelRoot>();
        var seen = new HashSet<string>(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        void Add(string? folder, bool user)
        {
            if (string.IsNullOrWhiteSpace(folder)) return;
            string full;
            try { full = System.IO.Path.GetFullPath(folder); }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException) { return; }
            full = System.IO.Path.TrimEndingDirectorySeparator(full);
            if (Directory.Exists(full) && seen.Add(full)) roots.Add(new ModelRoot(full, user));
        }
        Add(bundledModels, user: false);
        Add(UserFolder(environment), user: true);
        foreach (string folder in (environment(PathVariable) ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Add(folder, user: true);
        return roots;
    }

    /// <summary>The per-user model folder for this platform (it may not exist yet).</summary>
    public static string? UserFolder(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            string? appData = environment("APPDATA");
            return string.IsNullOrEmpty(appData) ? null : System.IO.Path.Combine(appData, "NeuralSynth", "models");
        }
        string? data = environment("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
        {
            string? home = environment("HOME");
            if (string.IsNullOrEmpty(home)) return null;
            data = System.IO.Path.Combine(home, ".local", "share");
        }
        return System.IO.Path.Combine(data, "NeuralSynth", "models");
    }
}
