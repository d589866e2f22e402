namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// A complete, validated plug-in state: one plain value per parameter (in the definition's order; live MIDI
/// controllers keep their defaults) and the model reference ("" for none).
/// </summary>
internal sealed record PluginState(float[] Values, string Model);
