namespace NeuralSynth.Ddsp.Tests;

internal static class TestSupport
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("Plugin.sln not found above the test folder");
    }

    public static string Decoder(string instrument) => Path.Combine(RepoRoot, "models", "ddsp", instrument, "manifest.json");

    /// <summary>Real sung recording (vocadito track 10, CC BY 4.0); see data/README.md.</summary>
    public static string Vocadito => Path.Combine(RepoRoot, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav");

    /// <summary>Shipped instruments with a golden file, for theories.</summary>
    public static IEnumerable<object[]> Instruments() =>
        Directory.GetDirectories(Path.Combine(RepoRoot, "models", "ddsp"))
            .Where(d => File.Exists(Path.Combine(d, "golden.json")))
            .Select(d => new object[] { Path.GetFileName(d) });
}
