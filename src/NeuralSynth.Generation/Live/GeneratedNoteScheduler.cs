using NeuralSynth.Engine.Core;

namespace NeuralSynth.Generation.Live;

/// <summary>
/// Audio-thread side of the live feed. Once per block, <see cref="Process"/> takes the host transport and turns
/// beat-stamped <see cref="GeneratedNote"/>s (arriving through a lock-free SPSC ring) into sample-accurate NoteOn
/// and NoteOff <see cref="EngineEvent"/>s. Positions are converted with the block's own tempo, so tempo changes
/// (which hosts report per block) are followed exactly. Transport stop sends note-offs for everything sounding
/// and cues the composer where the transport stands, so that play starting there finds its first notes ready.
/// A backward jump (a host loop) into music already composed replays it from the scheduler's own history, so the
/// loop repeats what was composed, like a recorded clip, and its first notes are on time: asking the generator to
/// compose the loop start again would make them late by a bar's compute time. Any other jump (a locate forward,
/// a loop back past the history) flushes queued notes, bumps the epoch and asks the generator to regenerate from
/// the new position. No locks, no allocation, bounded work per block.
/// </summary>
public sealed class GeneratedNoteScheduler
{
    public const int PendingCapacity = 2048; // ~16 bars of dense writing; small enough to stay off the large-object heap
    public const int MaxActiveNotes = 256;

    /// <summary>Position discontinuities smaller than this (in quarter notes) are treated as host jitter.</summary>
    public const double JumpTolerance = 1.0 / 64.0;

    private readonly SpscRing<GeneratedNote> _notesIn;
    private readonly SpscRing<TransportCommand> _commandsOut;
    private readonly SpscRing<PlayedNote> _playedOut;
    private readonly AtomicDouble _playhead;
    private readonly GeneratedNote[] _pending = new GeneratedNote[PendingCapacity];
    private readonly ActiveNote[] _active = new ActiveNote[MaxActiveNotes];
    private int _pendingCount;
    private int _activeCount;
    private bool _wasPlaying;
    private double _expectedPosition = double.NaN;
    // Every note of the current epoch, in arrival order (bars arrive in order): what a loop replays.
    private readonly GeneratedNote[] _history = new GeneratedNote[PendingCapacity];
    private int _historyHead;
    private int _historyCount;
    // The history holds every note of this epoch that starts at or after this beat.
    private double _historyFrom = double.PositiveInfinity;
    private int _epoch;
    private int _channel;

    private readonly record struct ActiveNote(byte Pitch, double EndBeat);

    internal GeneratedNoteScheduler(SpscRing<GeneratedNote> notesIn, SpscRing<TransportCommand> commandsOut,
        SpscRing<PlayedNote> playedOut, AtomicDouble playhead)
    {
        _notesIn = notesIn;
        _commandsOut = commandsOut;
        _playedOut = playedOut;
        _playhead = playhead;
    }

    /// <summary>MIDI channel (0-based) of the events produced.</summary>
    public int Channel
    {
        get => _channel;
        set => _channel = Math.Clamp(value, 0, 15);
    }

    public int Epoch => _epoch;

    public int ActiveNoteCount => _activeCount;

    public int PendingNoteCount => _pendingCount;

    /// <summary>Notes dropped because they arrived after their time had passed (generator too slow).</summary>
    public long LateNotesDropped { get; private set; }

    /// <summary>
    /// Notes the generator composed before the point the host jumped to (it restarts from the start of that
    /// bar): never meant to sound, so not late. Counted apart from <see cref="LateNotesDropped"/>.
    /// </summary>
    public long NotesBeforeJumpSkipped { get; private set; }

    private double _jumpBeat = double.NegativeInfinity;

    /// <summary>Backward jumps served from the history (the loop repeated what was composed).</summary>
    public long LoopReplays { get; private set; }

    /// <summary>Starts of play where the composer was cued while stopped (no regeneration needed).</summary>
    public long CuedStarts { get; private set; }

    // Where the stopped transport stands and the composer was cued; NaN while playing.
    private double _cueBeat = double.NaN;

    /// <summary>
    /// Writes this block's events (sorted by sample offset, note-offs before note-ons at equal offsets) into
    /// <paramref name="output"/> and returns how many were written. Call once per block from the audio thread.
    /// </summary>
    public int Process(in BlockTransport transport, Span<EngineEvent> output)
    {
        int count = BeginBlock(transport, output);
        return transport.Playing ? EmitBlock(transport, output, count) : count;
    }

    /// <summary>
    /// First half of <see cref="Process"/>: follows the transport (stop, jumps: releases and the command to the
    /// generator) and publishes the playhead. Returns the number of events written. A caller that may block
    /// (offline rendering) waits for the generator between this and <see cref="EmitBlock"/>.
    /// </summary>
    public int BeginBlock(in BlockTransport transport, Span<EngineEvent> output)
    {
        int count = 0;
        if (!transport.Playing)
        {
            double at = transport.PositionQuarters;
            if (_wasPlaying) count = ReleaseAll(output, count, 0);
            // Stopping, the first block, or the user moving the stopped playhead: cue the composer there. Play
            // usually starts where the transport stands, and then its first notes are composed already.
            if (_wasPlaying || double.IsNaN(_cueBeat) || Math.Abs(at - _cueBeat) > JumpTolerance)
            {
                _pendingCount = 0;
                ForgetHistory();
                _historyFrom = at;
                _jumpBeat = at;
                _cueBeat = at;
                _epoch++;
                _commandsOut.TryWrite(new TransportCommand(TransportCommandKind.Stop, at, transport.Tempo, _epoch));
            }
            _wasPlaying = false;
            _expectedPosition = double.NaN;
            _playhead.Write(at);
            DrainIncoming(); // the cued notes wait in the queue for play
            return count;
        }

        double start = transport.PositionQuarters;
        bool startsAtCue = !_wasPlaying && Math.Abs(start - _cueBeat) <= JumpTolerance;
        bool jumped = !startsAtCue && (!_wasPlaying || double.IsNaN(_expectedPosition) || Math.Abs(start - _expectedPosition) > JumpTolerance);
        _cueBeat = double.NaN;
        if (startsAtCue)
        {
            CuedStarts++;
        }
        else if (jumped && _wasPlaying && start < _expectedPosition && start >= _historyFrom)
        {
            count = ReleaseAll(output, count, 0);
            ReplayFrom(start);
            LoopReplays++;
        }
        else if (jumped)
        {
            count = ReleaseAll(output, count, 0);
            _pendingCount = 0;
            ForgetHistory();
            _historyFrom = start;
            _jumpBeat = start;
            _epoch++;
            _commandsOut.TryWrite(new TransportCommand(TransportCommandKind.Reposition, start, transport.Tempo, _epoch));
        }
        _wasPlaying = true;
        _playhead.Write(start);
        return count;
    }

    /// <summary>
    /// Second half of <see cref="Process"/> while playing: takes the generator's new notes and writes this block's
    /// note events after the <paramref name="count"/> already in <paramref name="output"/>; returns the new count.
    /// </summary>
    public int EmitBlock(in BlockTransport transport, Span<EngineEvent> output, int count)
    {
        double start = transport.PositionQuarters;
        DrainIncoming();

        double samplesPerBeat = transport.SamplesPerBeat;
        int length = transport.BlockLength;
        int firstEvent = count;

        // Note-offs first so a note that ends where the same pitch restarts is released before it retriggers.
        for (int i = 0; i < _activeCount && count < output.Length;)
        {
            int offset = Offset(_active[i].EndBeat, start, samplesPerBeat);
            if (offset < length)
            {
                output[count++] = EngineEvent.NoteOff(Math.Max(offset, 0), _active[i].Pitch, 0f, _channel);
                _active[i] = _active[--_activeCount];
                continue;
            }
            i++;
        }

        int consumed = 0;
        for (; consumed < _pendingCount && count < output.Length; consumed++)
        {
            ref readonly var note = ref _pending[consumed];
            int offset = Offset(note.StartBeat, start, samplesPerBeat);
            if (offset >= length) break;
            if (offset < 0)
            {
                // Composed for the part of the bar before the jump point: skipped, not late.
                if (note.StartBeat < _jumpBeat - 1e-9) { NotesBeforeJumpSkipped++; continue; }
                // Arrived late. Still sounding? Start it now; otherwise it is lost.
                if (note.StartBeat + note.DurationBeats <= start) { LateNotesDropped++; continue; }
                offset = 0;
            }
            if (_activeCount == MaxActiveNotes) { LateNotesDropped++; continue; }
            output[count++] = EngineEvent.NoteOn(offset, note.Pitch, note.Velocity / 127f, _channel);
            double end = note.StartBeat + note.DurationBeats;
            if (Offset(end, start, samplesPerBeat) < length && count < output.Length)
            {
                // Shorter than the rest of the block: release it in this block too.
                output[count++] = EngineEvent.NoteOff(Math.Max(Offset(end, start, samplesPerBeat), offset), note.Pitch, 0f, _channel);
            }
            else
            {
                _active[_activeCount++] = new ActiveNote(note.Pitch, end);
            }
        }
        RemovePending(consumed);
        SortByOffset(output.Slice(firstEvent, count - firstEvent));
        _expectedPosition = transport.EndQuarters;
        return count;
    }

    /// <summary>
    /// Audio thread: forwards a note the user played (for "continue what I play"). Call with the block's
    /// transport and the event's sample offset; allocation-free.
    /// </summary>
    public void RecordPlayed(in BlockTransport transport, in EngineEvent e)
    {
        if (e.Kind is not (EngineEventKind.NoteOn or EngineEventKind.NoteOff)) return;
        double beat = transport.PositionQuarters + e.SampleOffset / transport.SamplesPerBeat;
        bool on = e.Kind == EngineEventKind.NoteOn && e.Value > 0f;
        _playedOut.TryWrite(new PlayedNote(beat, e.Data, (byte)Math.Clamp((int)MathF.Round(e.Value * 127f), 1, 127), on));
    }

    private static int Offset(double beat, double blockStart, double samplesPerBeat) =>
        (int)Math.Round((beat - blockStart) * samplesPerBeat);

    private int ReleaseAll(Span<EngineEvent> output, int count, int offset)
    {
        for (int i = 0; i < _activeCount && count < output.Length; i++)
            output[count++] = EngineEvent.NoteOff(offset, _active[i].Pitch, 0f, _channel);
        _activeCount = 0;
        return count;
    }

    private void DrainIncoming()
    {
        while (_pendingCount < PendingCapacity && _notesIn.TryRead(out var note))
        {
            if (note.Epoch != _epoch) continue;
            Remember(note);
            // Insertion keeps the queue sorted by start; the generator sends bars in order so this rarely moves.
            int i = _pendingCount++;
            while (i > 0 && _pending[i - 1].StartBeat > note.StartBeat)
            {
                _pending[i] = _pending[i - 1];
                i--;
            }
            _pending[i] = note;
        }
    }

    private void Remember(in GeneratedNote note)
    {
        if (_historyCount == _history.Length)
        {
            // Full: the oldest note goes, and with it the claim to hold everything from its beat on.
            _historyFrom = Math.Max(_historyFrom, _history[_historyHead].StartBeat + 1e-9);
            _historyHead = (_historyHead + 1) % _history.Length;
            _historyCount--;
        }
        _history[(_historyHead + _historyCount++) % _history.Length] = note;
    }

    private void ForgetHistory()
    {
        _historyHead = _historyCount = 0;
        _historyFrom = double.PositiveInfinity;
    }

    /// <summary>Queues again every remembered note from <paramref name="beat"/> on (bounded by the history size).</summary>
    private void ReplayFrom(double beat)
    {
        _pendingCount = 0;
        for (int k = 0; k < _historyCount; k++)
        {
            ref readonly var note = ref _history[(_historyHead + k) % _history.Length];
            if (note.StartBeat < beat - 1e-9) continue;
            int i = _pendingCount++;
            while (i > 0 && _pending[i - 1].StartBeat > note.StartBeat)
            {
                _pending[i] = _pending[i - 1];
                i--;
            }
            _pending[i] = note;
        }
    }

    private void DrainStale()
    {
        while (_notesIn.TryRead(out _)) { }
    }

    private void RemovePending(int consumed)
    {
        if (consumed == 0) return;
        Array.Copy(_pending, consumed, _pending, 0, _pendingCount - consumed);
        _pendingCount -= consumed;
    }

    /// <summary>Stable insertion sort by sample offset (a block holds a handful of events).</summary>
    private static void SortByOffset(Span<EngineEvent> events)
    {
        for (int i = 1; i < events.Length; i++)
        {
            var e = events[i];
            int j = i - 1;
            while (j >= 0 && events[j].SampleOffset > e.SampleOffset)
            {
                events[j + 1] = events[j];
                j--;
            }
            events[j + 1] = e;
        }
    }
}
