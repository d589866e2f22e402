namespace NeuralSynth.Vst3.Plugin;

/// <summary>The two plug-in classes this module exports.</summary>
public enum PluginKind
{
    /// <summary>"NeuralSynth": the harmonic synth, event input, audio output.</summary>
    Instrument,
    /// <summary>"NeuralSynth FX": the effect chain with a NAM model slot.</summary>
    Effect,
}
