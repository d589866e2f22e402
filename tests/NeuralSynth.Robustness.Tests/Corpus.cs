using System.Text.Json;

namespace NeuralSynth.Robustness.Tests;

internal static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static string Hostile => Path.Combine(Root, "tests", "corpus", "hostile");
    public static string Seeds => Path.Combine(Root, "tests", "corpus", "seeds");

    public sealed record Expectation(string File, string Target, string Error);

    public static IReadOnlyList<Expectation> Expectations()
    {
        var json = File.ReadAllText(Path.Combine(Hostile, "expectations.json"));
        return JsonSerializer.Deserialize<List<Expectation>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("Plugin.sln not found");
    }
}
