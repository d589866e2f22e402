using NAudio.Midi;

namespace NeuralSynth.Engine.Midi;

/// <summary>
/// Where NeuralSynth writes Standard MIDI Files. NAudio.Midi does the byte-level work (variable-length
/// quantities, track chunks, running status, meta events), so no project encodes SMF by hand; each caller builds
/// its own tracks, which are its layout policy: Transcription a track per channel, Generation a conductor track
/// and a note track, the demo a conductor and two instrument tracks.
/// </summary>
public static class MidiFileWriter
{
    /// <summary>A tempo change: microseconds per quarter note, rounded to the nearest, as the file stores it.</summary>
    public static TempoEvent Tempo(double bpm, long absoluteTime) => new((int)Math.Round(60_000_000 / bpm), absoluteTime);

    /// <summary>Sorts and closes every track (NAudio's export preparation), creates the folder and writes the file.</summary>
    public static void Write(string path, MidiEventCollection events)
    {
        events.PrepareForExport();
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        MidiFile.Export(path, events);
    }
}
