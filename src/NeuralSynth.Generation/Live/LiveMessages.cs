namespace NeuralSynth.Generation.Live;

/// <summary>A generated note stamped in quarter notes (host PPQ), tagged with the epoch it was generated for.</summary>
/// <param name="Epoch">Bumped by the scheduler on every transport jump; notes of an older epoch are stale.</param>
internal readonly record struct GeneratedNote(double StartBeat, double DurationBeats, byte Pitch, byte Velocity, int Epoch);

internal enum TransportCommandKind : byte
{
    /// <summary>The transport jumped (loop or locate): regenerate from <see cref="TransportCommand.Beat"/>.</summary>
    Reposition,
    /// <summary>The transport is stopped at <see cref="TransportCommand.Beat"/>: compose ahead from there (a cue).</summary>
    Stop,
}

/// <summary>Audio thread → generator: what the transport did, and the epoch notes must carry from now on.</summary>
internal readonly record struct TransportCommand(TransportCommandKind Kind, double Beat, double Tempo, int Epoch);

/// <summary>Audio thread → generator: a note the user played, for "continue what I play".</summary>
public readonly record struct PlayedNote(double Beat, byte Pitch, byte Velocity, bool IsOn);
