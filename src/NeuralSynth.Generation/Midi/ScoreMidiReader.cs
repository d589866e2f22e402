using NAudio.Midi;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Midi;

/// <summary>
/// Standard MIDI File → quantized <see cref="Score"/>: every non-drum channel's notes merged into one part,
/// onsets/durations rounded to the nearest sixteenth (see <see cref="Quantization"/>), all tempo changes kept
/// (snapped to the grid), the first time signature as the meter.
/// </summary>
internal static class ScoreMidiReader
{
    private const int DrumChannel = 10;

    public static Score Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new Engine.InvalidInputException($"{path}: file not found");
        if (info.Length > Engine.Midi.MidiFileLoader.MaxFileBytes)
            throw new Engine.InvalidInputException($"{path}: {info.Length} bytes is larger than the {Engine.Midi.MidiFileLoader.MaxFileBytes >> 20} MiB limit for MIDI files");
        // A cut-off primer plays what it holds, with a warning, as the renderer's MIDI loader does.
        byte[] bytes = Engine.Midi.TruncatedMidi.Repair(File.ReadAllBytes(path), path);
        MidiFile file;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            file = new MidiFile(stream, strictChecking: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Engine.InvalidInputException($"{path}: not a readable MIDI file ({e.Message.Split('\n')[0].TrimEnd('\r')})", e);
        }
        return Read(file);
    }

    public static Score Read(MidiFile file)
    {
        int tpq = file.DeltaTicksPerQuarterNote;
        if (tpq <= 0) throw new Engine.InvalidInputException("SMPTE time division is not supported");
        var notes = new List<ScoreNote>();
        var tempos = new List<TempoChange>();
        Meter? meter = null;
        for (int track = 0; track < file.Tracks; track++)
        {
            foreach (MidiEvent e in file.Events[track])
            {
                switch (e)
                {
                    case NoteOnEvent on when on.Velocity > 0 && on.Channel != DrumChannel && on.OffEvent is not null:
                        int start = Quantization.TicksToSteps(on.AbsoluteTime, tpq);
                        int end = Quantization.TicksToSteps(on.OffEvent.AbsoluteTime, tpq);
                        notes.Add(new ScoreNote(start, Quantization.ClipDuration(end - start), on.NoteNumber, on.Velocity));
                        break;
                    case TempoEvent tempo:
                        tempos.Add(new TempoChange(Quantization.TicksToSteps(tempo.AbsoluteTime, tpq), tempo.Tempo));
                        break;
                    case TimeSignatureEvent ts when meter is null:
                        meter = MeterExtensions.FromFraction(ts.Numerator, 1 << ts.Denominator);
                        break;
                }
            }
        }
        return ScoreCanonicalizer.Canonicalize(new Score(notes, tempos.OrderBy(t => t.Step).ToList(), meter ?? Meter.FourFour));
    }
}
