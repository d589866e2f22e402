using NAudio.Midi;
using NeuralSynth.Engine.Midi;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Midi;

/// <summary>
/// <see cref="Score"/> → type-1 Standard MIDI File: a conductor track (tempo map, time signature, optional key
/// signature) and one note track on channel 1, written through <see cref="MidiFileWriter"/>.
/// </summary>
internal static class ScoreMidiWriter
{
    public const int TicksPerQuarter = 480;
    private const int TicksPerStep = TicksPerQuarter / Quantization.StepsPerQuarter;

    private static MidiEventCollection ToMidi(Score score, Key? key)
    {
        var events = new MidiEventCollection(1, TicksPerQuarter);
        var conductor = events.AddTrack();
        var (num, den) = score.Meter.Fraction();
        conductor.Add(new TimeSignatureEvent(0, num, (int)Math.Log2(den), 24, 8));
        if (key is { } k) conductor.Add(new KeySignatureEvent(k.SharpsOrFlats(), k.Mode == Mode.Minor ? 1 : 0, 0));
        var tempos = score.Tempos.Count == 0 ? [new TempoChange(0, 120)] : score.Tempos;
        foreach (var t in tempos)
            conductor.Add(MidiFileWriter.Tempo(t.Bpm, (long)t.Step * TicksPerStep));

        var track = events.AddTrack();
        track.Add(new TextEvent("NeuralSynth generator", MetaEventType.SequenceTrackName, 0));
        foreach (var n in score.Notes.OrderBy(n => n.Start).ThenBy(n => n.Pitch))
        {
            long on = (long)n.Start * TicksPerStep;
            long off = (long)n.End * TicksPerStep;
            track.Add(new NoteOnEvent(on, 1, n.Pitch, Math.Clamp(n.Velocity, 1, 127), (int)(off - on)));
            track.Add(new NoteEvent(off, 1, MidiCommandCode.NoteOff, n.Pitch, 0));
        }
        long endTick = score.Notes.Count == 0 ? 0 : (long)score.Notes.Max(n => n.End) * TicksPerStep;
        conductor.Add(new MetaEvent(MetaEventType.EndTrack, 0, endTick));
        track.Add(new MetaEvent(MetaEventType.EndTrack, 0, endTick));
        return events;
    }

    public static void Write(string path, Score score, Key? key = null) => MidiFileWriter.Write(path, ToMidi(score, key));
}
