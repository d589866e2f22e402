using NeuralSynth.Generation.Instrument;

namespace NeuralSynth.Vst3.Editor.Ui;

/// <summary>
/// The last few seconds of notes as bars (pitch, start, end), built from the instrument's note log on each tick.
/// Kept on the UI thread: the audio thread only writes the log.
/// </summary>
internal sealed class NoteHistory
{
    public const double WindowSeconds = 8;
    private readonly List<NoteLogEntry> _incoming = [];

    public readonly record struct Bar(byte Pitch, long Start, long End, bool Generated)
    {
        public bool Sounding => End < 0;
    }

    public List<Bar> Bars { get; } = [];
    public long Position { get; private set; }
    public double SampleRate { get; private set; }
    public bool Available { get; private set; }

    public void Poll(IEditorModel model)
    {
        _incoming.Clear();
        Available = model.ReadNotes(_incoming, out long position, out double sampleRate);
        if (!Available || sampleRate <= 0) return;
        SampleRate = sampleRate;
        Position = Math.Max(Position, position);
        foreach (var note in _incoming)
        {
            if (note.On) Bars.Add(new Bar(note.Pitch, note.Sample, -1, note.Generated));
            else
            {
                int open = Bars.FindLastIndex(b => b.Pitch == note.Pitch && b.Sounding && b.Generated == note.Generated);
                if (open >= 0) Bars[open] = Bars[open] with { End = note.Sample };
            }
            Position = Math.Max(Position, note.Sample);
        }
        if (Position < Bars.LastOrDefault().Start) Position = Bars[^1].Start; // the host restarted the instrument
        long oldest = Position - (long)(WindowSeconds * SampleRate);
        Bars.RemoveAll(b => !b.Sounding && b.End < oldest);
        if (Bars.Count > 512) Bars.RemoveRange(0, Bars.Count - 512);
    }
}
