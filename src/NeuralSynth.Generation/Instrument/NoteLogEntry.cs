namespace NeuralSynth.Generation.Instrument;

/// <summary>A note start or end the instrument played, for displays (the editor's piano roll).</summary>
/// <param name="Sample">Absolute sample position since the instrument was prepared.</param>
/// <param name="Generated">True when the live composer played it, false when it came from the host (the player).</param>
public readonly record struct NoteLogEntry(long Sample, byte Pitch, bool On, bool Generated);
