namespace NeuralSynth.Vst3.Plugin;

/// <summary>The two plug-in classes this module exports.</summary>
public enum PluginKind
{
    /// <summary>"NeuralSynth": the harmonic synth, event input, audio output.</summary>
    Instrument,
    /// <summary>"NeuralSynth FX": the effect chain with its model slot (NAM, captures, ONNX, RAVE, DDSP transfer).</summary>
    Effect,
    /// <summary>"NeuralSynth Audio to MIDI": audio in, Basic Pitch notes out on an event bus.</summary>
    AudioToMidi,
}
