using NeuralSynth.Engine.Core;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The block's engine events, kept sorted by sample offset as they are added (stable insertion: each host list
/// arrives sorted, so this is linear in practice). Preallocated; events past capacity are counted and dropped.
/// Events at the same sample are ordered by <see cref="Rank"/>, because the host's separate event and
/// parameter lists lose their relative order: note-offs first (a repeated note retriggers), then automation
/// (a note starting at that sample already sees the new values), then note-ons, then MIDI controllers (a
/// controller sent with a note applies after it, as a MIDI file lists them).
/// </summary>
internal sealed class EventQueue
{
    public enum Rank : byte { NoteOff, Automation, NoteOn, Controller }

    public const int Capacity = 4096;
    private readonly EngineEvent[] _events = new EngineEvent[Capacity];
    private readonly Rank[] _ranks = new Rank[Capacity];
    private int _count;

    public int Dropped { get; private set; }

    public ReadOnlySpan<EngineEvent> Events => _events.AsSpan(0, _count);

    public void Clear()
    {
        _count = 0;
        Dropped = 0;
    }

    public void Add(in EngineEvent e, Rank rank)
    {
        if (_count == Capacity)
        {
            Dropped++;
            return;
        }
        int at = _count;
        while (at > 0 && (_events[at - 1].SampleOffset > e.SampleOffset
                          || (_events[at - 1].SampleOffset == e.SampleOffset && _ranks[at - 1] > rank)))
        {
            _events[at] = _events[at - 1];
            _ranks[at] = _ranks[at - 1];
            at--;
        }
        _events[at] = e;
        _ranks[at] = rank;
        _count++;
    }
}
