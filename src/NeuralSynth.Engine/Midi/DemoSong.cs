using NAudio.Midi;

namespace NeuralSynth.Engine.Midi;

/// <summary>
/// The shipped demo: a short type-1 MIDI file written by code, exercising what the engine handles —
/// a melody with velocity dynamics, chords, a tempo change, pitch bend, mod-wheel vibrato and the sustain pedal.
/// </summary>
public static class DemoSong
{
    private const int TicksPerQuarter = 480;

    public static void Write(string path)
    {
        var events = new MidiEventCollection(1, TicksPerQuarter);
        var conductor = events.AddTrack();
        conductor.Add(new TextEvent("NeuralSynth demo", MetaEventType.SequenceTrackName, 0));
        conductor.Add(MidiFileWriter.Tempo(96, 0));
        conductor.Add(new TimeSignatureEvent(0, 4, 2, 24, 8));
        conductor.Add(MidiFileWriter.Tempo(112, Bar(4)));
        conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, Bar(8)));

        var melody = events.AddTrack();
        melody.Add(new TextEvent("Melody", MetaEventType.SequenceTrackName, 0));
        // (beat, length in beats, note, velocity) over eight bars in A minor.
        (double Beat, double Length, int Note, int Velocity)[] line =
        {
            (0, 1, 69, 70), (1, 1, 72, 80), (2, 1.5, 76, 92), (3.5, 0.5, 74, 70),
            (4, 2, 72, 84), (6, 1, 71, 72), (7, 1, 72, 76),
            (8, 1, 74, 80), (9, 1, 77, 90), (10, 1.5, 81, 104), (11.5, 0.5, 79, 80),
            (12, 3, 76, 96),
            (16, 0.5, 69, 60), (16.5, 0.5, 71, 66), (17, 0.5, 72, 72), (17.5, 0.5, 74, 78),
            (18, 1, 76, 90), (19, 1, 79, 96), (20, 4, 81, 110),
            (24, 1, 79, 84), (25, 1, 77, 78), (26, 1, 76, 74), (27, 1, 74, 70),
            (28, 4, 69, 88),
        };
        foreach (var (beat, length, note, velocity) in line) AddNote(melody, 1, beat, length, note, velocity);
        // Vibrato from the mod wheel on the long notes, and a bend up into the climax.
        melody.Add(new ControlChangeEvent(Beat(12.5), 1, MidiController.Modulation, 80));
        melody.Add(new ControlChangeEvent(Beat(15), 1, MidiController.Modulation, 0));
        melody.Add(new PitchWheelChangeEvent(Beat(19.75), 1, 8192 - 4096));
        melody.Add(new PitchWheelChangeEvent(Beat(20), 1, 8192));
        melody.Add(new ControlChangeEvent(Beat(21), 1, MidiController.Modulation, 100));
        melody.Add(new ControlChangeEvent(Beat(24), 1, MidiController.Modulation, 0));
        melody.Add(new ControlChangeEvent(Beat(29), 1, MidiController.Modulation, 64));
        melody.Add(new MetaEvent(MetaEventType.EndTrack, 0, Bar(8)));

        var chords = events.AddTrack();
        chords.Add(new TextEvent("Chords", MetaEventType.SequenceTrackName, 0));
        int[][] progression = { [57, 60, 64], [53, 57, 60], [55, 59, 62], [52, 56, 59], [57, 60, 64], [50, 53, 57], [52, 55, 59], [45, 57, 60, 64] };
        for (int bar = 0; bar < progression.Length; bar++)
        {
            chords.Add(new ControlChangeEvent(Beat(bar * 4), 2, MidiController.Sustain, 127));
            foreach (int note in progression[bar]) AddNote(chords, 2, bar * 4, 2, note, 52);
            chords.Add(new ControlChangeEvent(Beat(bar * 4 + 3.9), 2, MidiController.Sustain, 0));
        }
        chords.Add(new MetaEvent(MetaEventType.EndTrack, 0, Bar(8) + TicksPerQuarter * 4));

        MidiFileWriter.Write(path, events);
    }

    private static void AddNote(IList<MidiEvent> track, int channel, double beat, double length, int note, int velocity)
    {
        var on = new NoteOnEvent(Beat(beat), channel, note, velocity, (int)(length * TicksPerQuarter * 0.95));
        track.Add(on);
        track.Add(on.OffEvent!);
    }

    private static long Beat(double beat) => (long)Math.Round(beat * TicksPerQuarter);
    private static long Bar(int bar) => bar * 4L * TicksPerQuarter;
}
