namespace NeuralSynth.Vst3.Plugin;

/// <summary>A model saved by reference: its path relative to its model folder and the SHA-256 of its files.</summary>
internal readonly record struct SavedModel(string Reference, string Sha256);

/// <summary>
/// A complete, validated plug-in state: one plain value per parameter (in the definition's order; live MIDI
/// controllers keep their defaults), the models chosen by the model parameters (keyed by parameter key), and
/// what could not be restored as saved (a model that is missing or changed), for the user to read.
/// </summary>
internal sealed record PluginState(float[] Values, IReadOnlyDictionary<string, SavedModel> Models, IReadOnlyList<string> Problems)
{
    public static PluginState Defaults(PluginDefinition definition) =>
        new((float[])definition.DefaultPlain.Clone(), new Dictionary<string, SavedModel>(), []);
}
