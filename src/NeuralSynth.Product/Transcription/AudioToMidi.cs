using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Transcription.Streaming;

namespace NeuralSynth.Product.Transcription;

/// <summary>
/// Audio in, MIDI notes out (the "NeuralSynth Audio to MIDI" plug-in): the audio thread pushes the input's
/// mono mix to the streaming Basic Pitch transcriber (a lock-free ring; the model runs on its own thread) and
/// plays the notes it finds at a fixed latency, <see cref="LatencySamples"/>: a note that starts at input
/// sample t leaves at output sample t + latency, so a host that compensates the reported latency records it
/// where it was sung. The audio passes through delayed by the same amount, so it stays aligned with its notes.
/// </summary>
public sealed class AudioToMidi : IAudioProcessor, IDisposable
{
    public const int MaxPendingNotes = 1024;
    private readonly string _modelPath;
    private StreamingTranscriber? _transcriber;
    private DelayLine[] _delay = [];
    private float[] _mono = [];
    private readonly NoteMessage[] _pending = new NoteMessage[MaxPendingNotes];
    private int _pendingCount;
    private EngineEvent[] _out = new EngineEvent[MaxPendingNotes];
    private int _outCount;
    private long _pushed; // input samples given to the transcriber since it was created: its clock, never reset
    private long _droppedNotes;

    public AudioToMidi(string modelPath)
    {
        _modelPath = modelPath;
        Parameters = new Engine.Parameters.ParameterValues(AudioToMidiParameters.CreateRegistry());
    }

    /// <summary>Audio Thru (the delayed input, or silence) and Bypass (no notes). Read once per block.</summary>
    public Engine.Parameters.ParameterValues Parameters { get; }

    public int LatencySamples { get; private set; }

    /// <summary>The notes the last <see cref="Process"/> produced, offsets within that block, in order.</summary>
    public ReadOnlySpan<EngineEvent> Notes => _out.AsSpan(0, _outCount);

    /// <summary>
    /// Set while the host renders offline (bounce): each block waits, up to <see cref="OfflineWaitLimit"/>, for
    /// room in the transcriber's ring and for the transcriber to have heard everything pushed, so no note is lost
    /// or late. Never set it for real-time processing.
    /// </summary>
    public bool Offline { get; set; }

    public static readonly TimeSpan OfflineWaitLimit = TimeSpan.FromSeconds(10);

    /// <summary>Notes that did not fit the pending queue (a stalled host), counted, never thrown.</summary>
    public long DroppedNotes => Interlocked.Read(ref _droppedNotes);

    /// <summary>Input samples the transcriber's ring had no room for.</summary>
    public long DroppedSamples => _transcriber?.DroppedSamples ?? 0;

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        _transcriber?.Dispose();
        _transcriber = new StreamingTranscriber(_modelPath, (int)Math.Round(sampleRate));
        _pushed = 0;
        LatencySamples = (int)Math.Min(int.MaxValue / 2, _transcriber.LatencySamples);
        _delay = Enumerable.Range(0, channels).Select(_ => new DelayLine(LatencySamples + maxBlockSize + 1)).ToArray();
        _mono = new float[maxBlockSize];
        _out = new EngineEvent[MaxPendingNotes];
        Parameters.Prepare(sampleRate);
        Reset();
    }

    /// <summary>Clears the delay and the queued notes. The transcriber keeps listening: it has no notion of a restart.</summary>
    public void Reset()
    {
        foreach (var line in _delay) line.Clear();
        _pendingCount = 0;
        _outCount = 0;
    }

    public void Process(AudioBlock block)
    {
        int n = block.Length;
        _outCount = 0;
        if (_transcriber == null || n > _mono.Length || block.ChannelCount == 0) return;

        Span<float> mono = _mono.AsSpan(0, n);
        block.Channel(0).CopyTo(mono);
        for (int c = 1; c < block.ChannelCount; c++) System.Numerics.Tensors.TensorPrimitives.Add(mono, block.Channel(c), mono);
        if (block.ChannelCount > 1) System.Numerics.Tensors.TensorPrimitives.Multiply(mono, 1f / block.ChannelCount, mono);
        if (Offline) PushOffline(_transcriber, mono);
        else _transcriber.Push(mono);

        int budget = MaxPendingNotes;
        while (budget-- > 0 && _transcriber.TryRead(out var message))
        {
            if (_pendingCount == _pending.Length) { Interlocked.Increment(ref _droppedNotes); continue; }
            _pending[_pendingCount++] = message;
        }
        EmitDue(n);
        if (Parameters.GetTarget(AudioToMidiParameters.Bypass) >= 0.5f) _outCount = 0;

        bool thru = Parameters.GetTarget(AudioToMidiParameters.AudioThru) >= 0.5f;
        for (int c = 0; c < block.ChannelCount && c < _delay.Length; c++)
        {
            _delay[c].Process(block.Channel(c), LatencySamples);
            if (thru) _delay[c].LastOutput(n).CopyTo(block.Channel(c));
            else block.Channel(c).Clear();
        }
        _pushed += n;
    }

    private void PushOffline(StreamingTranscriber transcriber, ReadOnlySpan<float> mono)
    {
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(OfflineWaitLimit.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (!transcriber.TryPush(mono))
        {
            if (System.Diagnostics.Stopwatch.GetTimestamp() > deadline) { transcriber.Push(mono); break; } // counted as dropped
            Thread.Sleep(1);
        }
        long target = _pushed + mono.Length;
        while (transcriber.ProcessedSamples < target && System.Diagnostics.Stopwatch.GetTimestamp() < deadline) Thread.Sleep(1);
    }

    // Notes whose output time (input time + latency) falls in this block, in the order the transcriber decided them;
    // a note decided later than its slot (it cannot be, with the latency bound) leaves at once, at offset 0.
    private void EmitDue(int length)
    {
        long end = _pushed + length;
        int kept = 0;
        for (int i = 0; i < _pendingCount; i++)
        {
            var note = _pending[i];
            long due = note.SampleTime + LatencySamples;
            if (due >= end) { _pending[kept++] = note; continue; }
            int offset = (int)Math.Clamp(due - _pushed, 0, length - 1);
            _out[_outCount++] = note.Kind == NoteMessageKind.NoteOn
                ? EngineEvent.NoteOn(offset, note.MidiPitch, Math.Clamp(note.Velocity / 127f, 1f / 127f, 1f))
                : EngineEvent.NoteOff(offset, note.MidiPitch);
        }
        _pendingCount = kept;
        // Stable by offset: the transcriber already decides in time order, a sort keeps ties in that order.
        for (int i = 1; i < _outCount; i++)
        {
            var e = _out[i];
            int j = i - 1;
            while (j >= 0 && _out[j].SampleOffset > e.SampleOffset) { _out[j + 1] = _out[j]; j--; }
            _out[j + 1] = e;
        }
    }

    public void Dispose()
    {
        _transcriber?.Dispose();
        _transcriber = null;
    }
}
