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

    /// <summary>
    /// A 16 kHz decoder (60 harmonics, noise to 8 kHz): the violin shipped until the full-band decoders replaced it,
    /// kept as a fixture (data/narrow16/README.md) because users' decoders may still be band-limited like it.
    /// </summary>
    public static string Narrow16 => Path.Combine(RepoRoot, "tests", "NeuralSynth.Ddsp.Tests", "data", "narrow16", "manifest.json");

    /// <summary>Real sung recording (vocadito track 10, CC BY 4.0); see data/README.md.</summary>
    public static string Vocadito => Path.Combine(RepoRoot, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav");

    /// <summary>
    /// Every shipped decoder (a folder with manifest.json), for theories. Not only those with a golden: a decoder
    /// shipped without one must fail its golden test, not drop out of the run unseen.
    /// </summary>
    public static IEnumerable<object[]> Instruments() => ShippedInstruments().Select(name => new object[] { name });

    public static IReadOnlyList<string> ShippedInstruments() =>
        Directory.GetDirectories(Path.Combine(RepoRoot, "models", "ddsp"))
            .Where(d => File.Exists(Path.Combine(d, "manifest.json")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
}
