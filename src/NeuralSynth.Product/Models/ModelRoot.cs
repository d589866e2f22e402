namespace NeuralSynth.Product.Models;

/// <summary>A folder models are found in: the bundle's own models/ or one of the user's model folders.</summary>
public sealed record ModelRoot(string Path, bool IsUser)
{
    public override string ToString() => IsUser ? $"user folder {Path}" : $"bundled models {Path}";
}
