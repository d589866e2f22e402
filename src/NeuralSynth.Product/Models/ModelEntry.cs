namespace NeuralSynth.Product.Models;

/// <summary>
/// One model a user can pick. <see cref="Reference"/> is its path relative to its root, with forward slashes
/// (e.g. <c>nam/dumble.nam</c>, <c>rave/fluid-small</c>): what a saved session stores, so a session opens on
/// another machine whose model folders differ. <see cref="FullPath"/> is the file, or the folder for RAVE and
/// DDSP models.
/// </summary>
public sealed class ModelEntry(EffectModelKind kind, string name, ModelRoot root, string reference, string fullPath)
{
    private string? _sha256;

    public EffectModelKind Kind { get; } = kind;
    public string Name { get; } = name;
    public ModelRoot Root { get; } = root;
    public string Reference { get; } = reference;
    public string FullPath { get; } = fullPath;

    /// <summary>What a host shows in the model list: kind and name, and where it came from when not bundled.</summary>
    public string DisplayName => Root.IsUser ? $"{KindLabel(Kind)}: {Name} (user)" : $"{KindLabel(Kind)}: {Name}";

    /// <summary>SHA-256 (hex) of the model's files, computed once (see <see cref="ModelFingerprint"/>).</summary>
    public string Sha256 => _sha256 ??= ModelFingerprint.Compute(this);

    public static string KindLabel(EffectModelKind kind) => kind switch
    {
        EffectModelKind.Nam => "NAM",
        EffectModelKind.SequenceJson => "Capture",
        EffectModelKind.Onnx => "ONNX",
        EffectModelKind.Rave => "RAVE",
        EffectModelKind.DdspTransfer => "DDSP Transfer",
        _ => kind.ToString(),
    };

    public override string ToString() => DisplayName;
}
