namespace NeuralSynth.Engine.Midi;

/// <summary>A MIDI file flattened to engine events on one timeline (seconds), stable-sorted by time.</summary>
public sealed class MidiSequence
{
    public MidiSequence(IReadOnlyList<TimedEvent> events, double durationSeconds, int noteCount)
    {
        Events = events;
        DurationSeconds = durationSeconds;
        NoteCount = noteCount;
    }

    public IReadOnlyList<TimedEvent> Events { get; }
    /// <summary>Time of the last event.</summary>
    public double DurationSeconds { get; }
    public int NoteCount { get; }
}
