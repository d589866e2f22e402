namespace NeuralSynth.Transcription.Streaming;

public enum NoteMessageKind
{
    NoteOn,
    NoteOff,
}

/// <summary>
/// A live note event. <see cref="SampleTime"/> is where the event lies in the input stream
/// (input-rate samples from the first pushed sample); <see cref="DecidedAtSample"/> is how much
/// input had to be pushed before the event could be decided, so their difference is its latency.
/// </summary>
public readonly record struct NoteMessage(
    NoteMessageKind Kind,
    int MidiPitch,
    int Velocity,
    long SampleTime,
    long DecidedAtSample);
