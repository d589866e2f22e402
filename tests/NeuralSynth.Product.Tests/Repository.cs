using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Tests;

internal static class Repository
{
    /// <summary>The repository root (the folder holding Plugin.sln), found upward from the test binary.</summary>
    public static string Root { get; } = Locate();

    public static string Models => Path.Combine(Root, "models");

    /// <summary>The shipped models only (no user folders from the machine running the tests).</summary>
    public static ModelLibrary Library { get; } = ModelLibrary.Scan([new ModelRoot(Models, IsUser: false)]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
