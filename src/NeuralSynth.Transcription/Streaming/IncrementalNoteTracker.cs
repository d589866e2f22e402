using NeuralSynth.Transcription.Model;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Streaming;

/// <summary>
/// Runs upstream's (whole-signal) note decoder over the recent history each time frames arrive and
/// turns its changing answers into a stable stream of note-on/off messages: a note is announced the
/// first time the decoder reports it, matched across later decodes by pitch and overlap, and ended
/// once its end lies far enough back that no new frame can extend it.
/// </summary>
internal sealed class IncrementalNoteTracker
{
    private readonly NoteCreationOptions _options;
    private readonly Func<int, long> _frameToSample;
    private readonly Action<NoteMessage> _publish;
    private readonly List<TrackedNote> _active = [];
    private readonly List<TrackedNote> _finished = [];
    private readonly List<NoteEvent> _completed = [];
    private readonly NoteDecoderWorkspace _workspace = new();

    /// <summary>Closed notes kept for <see cref="CompletedNotes"/>: a live stream runs for hours, so only the most
    /// recent ones are kept.</summary>
    public const int MaxCompletedNotes = 4096;

    public IncrementalNoteTracker(NoteCreationOptions options, Func<int, long> frameToSample, Action<NoteMessage> publish)
    {
        _options = options;
        _frameToSample = frameToSample;
        _publish = publish;
    }

    /// <summary>Frames after a note's end that must exist before the decoder can no longer extend it.</summary>
    public int SettleFrames => _options.EnergyTolerance + 2;

    /// <summary>Notes that have been closed, in the order they closed.</summary>
    public IReadOnlyList<NoteEvent> CompletedNotes => _completed;

    public void Update(FrameHistory history, int regionStart, int available, long decidedAt, bool final)
    {
        // Decoded in place over the history with reused scratch: this runs every window on a long history, and its
        // garbage used to force gen-2 collections that paused the audio thread too.
        regionStart = Math.Max(regionStart, history.FirstFrame);
        var region = new Region(history, regionStart, available);
        List<FrameNote> candidates = NoteDecoder.Decode(region.Note, history.Onset(regionStart, available),
            BasicPitchConstants.NoteBins, _options, _workspace);
        candidates.Sort(static (a, b) => a.StartFrame.CompareTo(b.StartFrame));
        int settledBefore = available - SettleFrames;

        foreach (FrameNote local in candidates)
        {
            var note = local with { StartFrame = local.StartFrame + regionStart, EndFrame = local.EndFrame + regionStart };
            if (FindOverlap(_finished, note) is not null)
            {
                continue;
            }

            TrackedNote? tracked = FindOverlap(_active, note);
            if (tracked is null)
            {
                tracked = new TrackedNote(note.Bin, note.StartFrame, note.EndFrame, note.Amplitude);
                _active.Add(tracked);
                Publish(NoteMessageKind.NoteOn, tracked, tracked.Start, decidedAt);
            }
            else
            {
                // The latest decode is authoritative: a later onset may have cut this note short.
                tracked.End = note.EndFrame;
                tracked.Amplitude = note.Amplitude;
            }

            if (final || note.EndFrame < settledBefore)
            {
                tracked.End = note.EndFrame;
                Close(tracked, region, regionStart, decidedAt);
            }
        }

        // Notes the decoder no longer reports (their energy went to a neighbour) end where last seen.
        for (int i = _active.Count - 1; i >= 0; i--)
        {
            if (final || _active[i].End < settledBefore)
            {
                Close(_active[i], region, regionStart, decidedAt);
            }
        }

        for (int i = _finished.Count - 1; i >= 0; i--)
        {
            if (_finished[i].End < regionStart)
            {
                _finished.RemoveAt(i);
            }
        }
    }

    private void Close(TrackedNote note, Region region, int regionStart, long decidedAt)
    {
        if (!_active.Remove(note))
        {
            return;
        }

        _finished.Add(note);
        Publish(NoteMessageKind.NoteOff, note, note.End, decidedAt);
        var frameNote = new FrameNote(note.Start - regionStart, note.End - regionStart, note.Bin, note.Amplitude);
        NoteEvent local = NoteCreation.ToEvent(region.Contour, BasicPitchConstants.ContourBins, ClampTo(frameNote, region.Frames), _options.IncludePitchBends);
        if (_completed.Count == MaxCompletedNotes)
        {
            _completed.RemoveRange(0, MaxCompletedNotes / 2);
        }

        _completed.Add(local with
        {
            StartSeconds = FrameTimes.ToSeconds(note.Start),
            EndSeconds = FrameTimes.ToSeconds(note.End),
        });
    }

    private static FrameNote ClampTo(FrameNote note, int frames)
        => note with { StartFrame = Math.Clamp(note.StartFrame, 0, frames), EndFrame = Math.Clamp(note.EndFrame, 0, frames) };

    private void Publish(NoteMessageKind kind, TrackedNote note, int frame, long decidedAt)
    {
        int velocity = Math.Clamp((int)Math.Round(127 * note.Amplitude), 1, 127);
        _publish(new NoteMessage(kind, note.Bin + BasicPitchConstants.MidiOffset, velocity, _frameToSample(frame), decidedAt));
    }

    private static TrackedNote? FindOverlap(List<TrackedNote> notes, FrameNote candidate)
    {
        foreach (TrackedNote n in notes)
        {
            if (n.Bin == candidate.Bin && candidate.StartFrame < n.End && n.Start < candidate.EndFrame)
            {
                return n;
            }
        }

        return null;
    }

    /// <summary>The history frames [start, end) being decoded, read in place.</summary>
    private readonly ref struct Region(FrameHistory history, int start, int end)
    {
        public ReadOnlySpan<float> Note { get; } = history.Note(start, end);
        public ReadOnlySpan<float> Contour { get; } = history.Contour(start, end);
        public int Frames { get; } = Math.Max(0, Math.Min(end, history.EndFrame) - start);
    }

    private sealed class TrackedNote(int bin, int start, int end, double amplitude)
    {
        public int Bin { get; } = bin;
        public int Start { get; } = start;
        public int End { get; set; } = end;
        public double Amplitude { get; set; } = amplitude;
    }
}
