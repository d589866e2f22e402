namespace NeuralSynth.Generation.Tests;

internal static class TestPaths
{
    /// <summary>models/generator in the repository (found by walking up from the test binaries).</summary>
    public static string ModelFolder { get; } = Find();

    public static string ModelPath => Path.Combine(ModelFolder, "model.onnx");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models", "generator");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("models/generator not found above the test binaries");
    }
}
