namespace NeuralSynth.Engine.Synth;

/// <summary>
/// A frame-rate timbre for all sounding voices at once: the seam where a neural decoder (DDSP) replaces
/// <see cref="ParametricTimbre"/>. The engine calls <see cref="Decode"/> once per frame with every sounding
/// voice in one batch, so a model runs one inference per frame rather than one per voice. The engine stays
/// free of any inference runtime; implementations live in other assemblies.
/// </summary>
public interface ITimbreSource
{
    /// <summary>Control ticks (<see cref="SynthEngine.ControlInterval"/> samples each) per frame at the prepared rate.</summary>
    int TicksPerFrame { get; }

    /// <summary>Allocates for up to <paramref name="voiceSlots"/> voices. Called by <see cref="SynthEngine.Prepare"/>; may allocate.</summary>
    void Prepare(double sampleRate, int voiceSlots, int maxHarmonics);

    /// <summary>Clears all recurrent state. Audio thread: must not allocate.</summary>
    void Reset();

    /// <summary>Clears the recurrent state of one voice slot (a note starting from silence). Audio thread.</summary>
    void ResetVoice(int slot);

    /// <summary>
    /// Fills harmonic amplitudes and noise magnitudes for rows 0..<see cref="TimbreFrame.Count"/>-1 from their
    /// f0 and loudness. Audio thread: must not allocate, lock or throw.
    /// </summary>
    void Decode(TimbreFrame frame);
}
