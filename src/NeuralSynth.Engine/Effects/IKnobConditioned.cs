namespace NeuralSynth.Engine.Effects;

/// <summary>
/// An effect model with conditioning inputs (drive, tone, threshold...) that the chain's knobs 1–4 drive.
/// <see cref="SetKnob"/> is called on the audio thread, between sub-blocks, and must not allocate.
/// </summary>
public interface IKnobConditioned
{
    int KnobCount { get; }

    /// <summary>Name of a knob as the model defines it (e.g. "drive"), for UIs, the CLI and presets.</summary>
    string KnobName(int index);

    void SetKnob(int index, float value);
}
