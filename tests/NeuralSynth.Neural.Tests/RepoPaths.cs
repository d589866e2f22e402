namespace NeuralSynth.Neural.Tests;

/// <summary>Finds files in the repository checkout (never outside it) by walking up to Plugin.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Plugin.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string NamModels => Path.Combine(Root, "models", "nam");

    public static string NamModel(string name) => Path.Combine(NamModels, name + ".nam");

    public static string Golden(string file) => Path.Combine(NamModels, "golden", file);

    /// <summary>NAM format 0.6/0.7 models: A2.nam ships in models/nam-a2, the upstream test cases live in test data.</summary>
    public static string NamA2Model(string name) => name == "A2"
        ? Path.Combine(Root, "models", "nam-a2", "A2.nam")
        : TestData(Path.Combine("nam-a2", name + ".nam"));

    public static string NamA2Golden(string file) => Path.Combine(Root, "models", "nam-a2", "golden", file);

    public static string TestData(string file) => Path.Combine(Root, "tests", "NeuralSynth.Neural.Tests", "data", file);
}
