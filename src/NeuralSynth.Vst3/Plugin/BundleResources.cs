using NeuralSynth.Engine;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Finds the folder holding presets/ and models/: the bundle's Contents/Resources next to the binary's
/// Contents/&lt;arch&gt; folder, else NEURALSYNTH_HOME or the source tree (<see cref="ProductPaths"/>), which is
/// what tests running the managed assembly get.
/// </summary>
internal static class BundleResources
{
    private static readonly Lazy<string?> CachedRoot = new(Locate);

    public static string? Root => CachedRoot.Value;

    public static string? Presets => Root is { } r ? Path.Combine(r, "presets") : null;
    public static string? Models => Root is { } r ? Path.Combine(r, "models") : null;

    private static string? Locate()
    {
        string? module = ModulePath.Locate();
        if (module != null)
        {
            // .../NeuralSynth.vst3/Contents/x86_64-linux/NeuralSynth.so -> .../Contents/Resources
            string? archFolder = Path.GetDirectoryName(module);
            string? contents = archFolder is null ? null : Path.GetDirectoryName(archFolder);
            if (contents != null)
            {
                string resources = Path.Combine(contents, "Resources");
                if (Directory.Exists(Path.Combine(resources, "presets"))) return resources;
            }
        }
        try
        {
            return ProductPaths.Root;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return null;
        }
    }
}
