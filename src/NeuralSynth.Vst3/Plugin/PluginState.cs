using NeuralSynth.Product.Models;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>A model saved by reference: its path relative to its model folder and the SHA-256 of its files.</summary>
internal readonly record struct SavedModel(string Reference, string Sha256);

/// <summary>
/// A complete, validated plug-in state: one plain value per parameter (in the definition's order; live MIDI
/// controllers keep their defaults), the models chosen by the model parameters (keyed by parameter key), what
/// could not be restored as saved (a model that is missing or changed), for the user to read, and the effect's
/// model from disk (<see cref="NeuralSynth.Product.Effects.EffectSlot.DiskModel"/>) when the Effect Model plays it.
/// </summary>
internal sealed record PluginState(float[] Values, IReadOnlyDictionary<string, SavedModel> Models, IReadOnlyList<string> Problems, ModelEntry? DiskModel = null)
{
    public static PluginState Defaults(PluginDefinition definition) =>
        new((float[])definition.DefaultPlain.Clone(), new Dictionary<string, SavedModel>(), []);

    /// <summary>
    /// The state a component holding these plain values saves: the values, plus a reference (path in its model
    /// folder and SHA-256) for the model each model parameter chooses. A model whose files cannot be read is
    /// saved without a hash rather than failing the host's save.
    /// </summary>
    public static PluginState Of(PluginDefinition definition, float[] values, IReadOnlyList<string> problems, ModelEntry? diskModel)
    {
        var models = new Dictionary<string, SavedModel>(StringComparer.Ordinal);
        for (int i = 0; i < definition.Count; i++)
        {
            var parameter = definition.Parameters[i];
            if (parameter.Role != ParameterRole.Model) continue;
            var entry = definition.EntryOf(parameter, (int)values[i], diskModel);
            string hash = "";
            if (entry != null)
            {
                try { hash = entry.Sha256; }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NeuralSynth.Engine.InvalidInputException) { hash = ""; }
            }
            models[parameter.Spec.Key] = new SavedModel(entry?.Reference ?? "", hash);
        }
        return new PluginState(values, models, problems, diskModel);
    }
}
