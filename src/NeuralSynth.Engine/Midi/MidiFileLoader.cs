using NAudio.Midi;
using NeuralSynth.Engine.Core;

namespace NeuralSynth.Engine.Midi;

/// <summary>
/// Reads Standard MIDI Files (types 0, 1 and 2) with NAudio.Midi and converts every channel's notes,
/// pitch bend, controllers and pressure to engine events in seconds, honouring all tempo changes.
/// </summary>
public static class MidiFileLoader
{
    public const long MaxFileBytes = 32L << 20;
    public const int MaxEvents = 4_000_000;
    public const double MaxDurationSeconds = 4 * 3600;

    public static MidiSequence Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidInputException($"{path}: file not found");
        if (info.Length > MaxFileBytes) throw new InvalidInputException($"{path}: {info.Length} bytes is larger than the {MaxFileBytes >> 20} MiB limit for MIDI files");
        byte[] bytes = File.ReadAllBytes(path);
        return Load(bytes, path);
    }

    public static MidiSequence Load(byte[] bytes, string name)
    {
        if (bytes.Length < 14 || bytes[0] != 'M' || bytes[1] != 'T' || bytes[2] != 'h' || bytes[3] != 'd')
            throw new InvalidInputException($"{name}: not a Standard MIDI File (no MThd header)");
        if ((bytes[12] & 0x80) != 0)
            throw new InvalidInputException($"{name}: SMPTE time division is not supported, only ticks per quarter note");
        bytes = TruncatedMidi.Repair(bytes, name);
        MidiFile file;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            file = new MidiFile(stream, strictChecking: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidInputException($"{name}: corrupt or truncated MIDI file ({FirstLine(e.Message)})", e);
        }
        if (file.DeltaTicksPerQuarterNote <= 0)
            throw new InvalidInputException($"{name}: SMPTE time division is not supported, only ticks per quarter note");
        return Convert(file, name);
    }

    private static MidiSequence Convert(MidiFile file, string name)
    {
        var tempoMap = TempoMap.FromMidi(file);
        var timed = new List<(long Tick, int Order, EngineEvent Event)>();
        int order = 0, notes = 0;
        for (int track = 0; track < file.Tracks; track++)
        {
            foreach (MidiEvent e in file.Events[track])
            {
                if (timed.Count >= MaxEvents) throw new InvalidInputException($"{name}: more than {MaxEvents} events");
                if (!TryConvert(e, out EngineEvent converted)) continue;
                if (converted.Kind == EngineEventKind.NoteOn && converted.Value > 0) notes++;
                timed.Add((e.AbsoluteTime, order++, converted));
            }
        }
        // Note-offs before note-ons at the same tick so repeated notes retrigger instead of cutting themselves.
        timed.Sort((a, b) =>
        {
            int byTick = a.Tick.CompareTo(b.Tick);
            if (byTick != 0) return byTick;
            int byKind = IsNoteOff(a.Event).CompareTo(IsNoteOff(b.Event));
            return byKind != 0 ? -byKind : a.Order.CompareTo(b.Order);
        });
        var events = new TimedEvent[timed.Count];
        for (int i = 0; i < events.Length; i++) events[i] = new TimedEvent(tempoMap.Seconds(timed[i].Tick), timed[i].Event);
        double duration = events.Length > 0 ? events[^1].Seconds : 0;
        if (duration > MaxDurationSeconds)
            throw new InvalidInputException($"{name}: lasts {duration / 3600:0.#} hours; files longer than {MaxDurationSeconds / 3600:0} hours are refused");
        return new MidiSequence(events, duration, notes);
    }

    private static bool IsNoteOff(EngineEvent e) =>
        e.Kind == EngineEventKind.NoteOff || (e.Kind == EngineEventKind.NoteOn && e.Value == 0);

    private static bool TryConvert(MidiEvent e, out EngineEvent converted)
    {
        int channel = Math.Clamp(e.Channel - 1, 0, 15);
        switch (e)
        {
            case NoteOnEvent on when on.CommandCode == MidiCommandCode.NoteOn:
                converted = on.Velocity > 0
                    ? EngineEvent.NoteOn(0, on.NoteNumber, on.Velocity / 127f, channel)
                    : EngineEvent.NoteOff(0, on.NoteNumber, 0f, channel);
                return true;
            case NoteEvent off when off.CommandCode == MidiCommandCode.NoteOff:
                converted = EngineEvent.NoteOff(0, off.NoteNumber, off.Velocity / 127f, channel);
                return true;
            case NoteEvent touch when touch.CommandCode == MidiCommandCode.KeyAfterTouch:
                converted = EngineEvent.PolyPressure(0, touch.NoteNumber, touch.Velocity / 127f, channel);
                return true;
            case PitchWheelChangeEvent bend:
                converted = EngineEvent.PitchBend(0, (bend.Pitch - 8192) / 8192f, channel);
                return true;
            case ControlChangeEvent cc:
                converted = EngineEvent.ControlChange(0, (int)cc.Controller, cc.ControllerValue / 127f, channel);
                return true;
            case ChannelAfterTouchEvent pressure:
                converted = EngineEvent.ChannelPressure(0, pressure.AfterTouchPressure / 127f, channel);
                return true;
            default:
                converted = default;
                return false;
        }
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
