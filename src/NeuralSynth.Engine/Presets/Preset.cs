namespace NeuralSynth.Engine.Presets;

/// <summary>A validated preset: plain parameter values by key and model files resolved inside models/.</summary>
public sealed record Preset(
    string Name,
    string SourcePath,
    IReadOnlyDictionary<string, float> Parameters,
    IReadOnlyDictionary<string, string> Models)
{
    public const int SchemaVersion = 1;
}
