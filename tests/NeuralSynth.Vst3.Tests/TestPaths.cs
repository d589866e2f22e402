namespace NeuralSynth.Vst3.Tests;

internal static class TestPaths
{
    /// <summary>The repository root (the folder holding Plugin.sln), found upward from the test binary.</summary>
    public static string RepositoryRoot { get; } = Locate();

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
