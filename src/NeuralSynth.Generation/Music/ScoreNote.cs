namespace NeuralSynth.Generation.Music;

/// <summary>
/// One note on the 1/16 grid the tokenizer uses. Times are in sixteenth-note steps from the start of the piece
/// so bar arithmetic stays exact integers; <see cref="Velocity"/> is MIDI 1..127.
/// </summary>
public readonly record struct ScoreNote(int Start, int Duration, int Pitch, int Velocity)
{
    public int End => Start + Duration;
}

/// <summary>A tempo that takes effect at a grid step.</summary>
public readonly record struct TempoChange(int Step, double Bpm);
