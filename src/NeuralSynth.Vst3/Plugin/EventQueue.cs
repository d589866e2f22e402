using NeuralSynth.Engine.Core;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The block's engine events, kept sorted as they are added (stable insertion: each host list arrives sorted,
/// so this is linear in practice). Preallocated; events past capacity are counted and dropped.
/// <para>
/// A host passes notes (event list) and automation/MIDI controllers (parameter changes) in separate lists, so
/// their order at one sample is lost and must be chosen. The order is the one a type-1 MIDI file with a track
/// per channel plays in (and so what the CLI renders): first every note-off (a repeated note retriggers
/// instead of cutting itself), then parameter automation (a note starting at that sample already sees the new
/// values), then channel by channel that channel's notes followed by its controllers.
/// </para>
/// </summary>
internal sealed class EventQueue
{
    public enum Rank : byte { NoteOff, Automation, NoteOn, Controller }

    public const int Capacity = 4096;
    private readonly EngineEvent[] _events = new EngineEvent[Capacity];
    private readonly int[] _keys = new int[Capacity];
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
        int key = OrderKey(e, rank);
        int at = _count;
        while (at > 0 && (_events[at - 1].SampleOffset > e.SampleOffset
                          || (_events[at - 1].SampleOffset == e.SampleOffset && _keys[at - 1] > key)))
        {
            _events[at] = _events[at - 1];
            _keys[at] = _keys[at - 1];
            at--;
        }
        _events[at] = e;
        _keys[at] = key;
        _count++;
    }

    private static int OrderKey(in EngineEvent e, Rank rank) => rank switch
    {
        Rank.NoteOff => 0,
        Rank.Automation => 1,
        _ => 2 + (e.Channel << 2) + (int)rank,
    };
}
