using NAudio.Midi;
using NeuralSynth.Engine.Midi;
using NeuralSynth.Transcription.Notes;
using NoteEvent = NeuralSynth.Transcription.Notes.NoteEvent;

namespace NeuralSynth.Transcription.Midi;

/// <summary>
/// Writes note events to a Standard MIDI File (through <see cref="MidiFileWriter"/>) laid out as upstream Basic Pitch
/// does: a tempo track, then one instrument track, or one per pitch when every note may bend on its own.
/// </summary>
internal static class MidiExport
{
    // Pitch-bend units per contour bin: 4096 per semitone (a ±2 semitone wheel range) over 3 bins.
    private const double BendUnitsPerBin = 4096.0 / BasicPitchConstants.ContourBinsPerSemitone;
    private const int BendCenter = 8192;

    public static void Write(IReadOnlyList<NoteEvent> notes, string path, MidiExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TempoBpm);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.TicksPerQuarterNote);

        double ticksPerSecond = options.TicksPerQuarterNote * options.TempoBpm / 60.0;
        var collection = new MidiEventCollection(1, options.TicksPerQuarterNote);
        collection.AddTrack();
        collection[0].Add(MidiFileWriter.Tempo(options.TempoBpm, 0));

        IReadOnlyList<NoteEvent> sorted = notes.OrderBy(n => n.StartSeconds).ThenBy(n => n.EndSeconds).ThenBy(n => n.MidiPitch).ToList();
        bool[] bendsAllowed = options.MultiplePitchBends ? Enumerable.Repeat(true, sorted.Count).ToArray() : NonOverlapping(sorted);
        var trackOfPitch = new Dictionary<int, int>();
        for (int i = 0; i < sorted.Count; i++)
        {
            NoteEvent note = sorted[i];
            int track = TrackFor(collection, trackOfPitch, options.MultiplePitchBends ? note.MidiPitch : -1, options.Program, out int channel);
            long start = (long)Math.Round(note.StartSeconds * ticksPerSecond);
            long end = Math.Max(start + 1, (long)Math.Round(note.EndSeconds * ticksPerSecond));
            int velocity = Math.Clamp((int)Math.Round(127 * note.Amplitude, MidpointRounding.ToEven), 1, 127);
            var on = new NoteOnEvent(start, channel, Math.Clamp(note.MidiPitch, 0, 127), velocity, (int)(end - start));
            collection[track].Add(on);
            collection[track].Add(on.OffEvent ?? throw new InvalidOperationException("NAudio did not create the note-off."));
            if (options.IncludePitchBends && bendsAllowed[i] && note.PitchBends is { Count: > 0 } bends)
            {
                AddBends(collection[track], channel, note, bends, ticksPerSecond);
            }
        }

        MidiFileWriter.Write(path, collection);
    }

    /// <summary>Spreads the per-frame bends evenly from note start to note end, as upstream does.</summary>
    private static void AddBends(IList<MidiEvent> track, int channel, NoteEvent note, IReadOnlyList<int> bends, double ticksPerSecond)
    {
        int count = bends.Count;
        for (int k = 0; k < count; k++)
        {
            double seconds = count == 1
                ? note.StartSeconds
                : note.StartSeconds + (note.EndSeconds - note.StartSeconds) * k / (count - 1);
            int units = (int)Math.Round(bends[k] * BendUnitsPerBin, MidpointRounding.ToEven);
            units = Math.Clamp(units, -BendCenter, BendCenter - 1);
            track.Add(new PitchWheelChangeEvent((long)Math.Round(seconds * ticksPerSecond), channel, BendCenter + units));
        }
    }

    private static bool[] NonOverlapping(IReadOnlyList<NoteEvent> sorted)
    {
        var allowed = Enumerable.Repeat(true, sorted.Count).ToArray();
        for (int i = 0; i < sorted.Count; i++)
        {
            for (int j = i + 1; j < sorted.Count && sorted[j].StartSeconds < sorted[i].EndSeconds; j++)
            {
                allowed[i] = false;
                allowed[j] = false;
            }
        }

        return allowed;
    }

    private static int TrackFor(MidiEventCollection collection, Dictionary<int, int> trackOfPitch, int key, int program, out int channel)
    {
        if (!trackOfPitch.TryGetValue(key, out int track))
        {
            collection.AddTrack();
            track = collection.Tracks - 1;
            trackOfPitch[key] = track;
            channel = ChannelOf(track);
            collection[track].Add(new PatchChangeEvent(0, channel, program));
        }

        channel = ChannelOf(track);
        return track;
    }

    /// <summary>Channels 1–16 skipping 10 (percussion); NAudio numbers channels from 1.</summary>
    private static int ChannelOf(int track)
    {
        int index = (track - 1) % 15;
        return index < 9 ? index + 1 : index + 2;
    }
}
