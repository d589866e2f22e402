using System.Collections.Concurrent;
using NeuralSynth.Engine.Dsp.Resampling;
using NeuralSynth.Transcription.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Transcription.Model;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Streaming;

/// <summary>
/// Live transcription. The audio thread calls <see cref="Push"/>, which only copies into a lock-free
/// ring (no allocation, no locks, no waiting). A worker thread drains the ring, resamples to
/// 22.05 kHz, runs the model whenever a full window has accumulated (the same windows as the
/// offline path), and publishes note-on/off messages to <see cref="TryRead"/>.
/// </summary>
public sealed class StreamingTranscriber : IDisposable
{
    private const int ReadChunk = 4096;

    private readonly int _inputRate;
    private readonly StreamingOptions _options;
    private readonly SpscRing<float> _ring;
    private readonly BasicPitchModel _model;
    private readonly StreamingResampler _resampler;
    private readonly IncrementalNoteTracker _tracker;
    private readonly FrameHistory _frames = new();
    private readonly ConcurrentQueue<NoteMessage> _messages = new();
    private readonly Thread _worker;
    private readonly ManualResetEventSlim _finished = new(false);

    private readonly float[] _window = new float[BasicPitchConstants.WindowSamples];
    private readonly float[] _note = new float[BasicPitchConstants.FramesPerWindow * BasicPitchConstants.NoteBins];
    private readonly float[] _onset = new float[BasicPitchConstants.FramesPerWindow * BasicPitchConstants.NoteBins];
    private readonly float[] _contour = new float[BasicPitchConstants.FramesPerWindow * BasicPitchConstants.ContourBins];

    // Resampled audio not yet consumed by windows; _audio[0] is 22.05 kHz sample _audioStart.
    private readonly List<float> _audio = [];
    private long _audioStart;
    private long _resampledCount;
    private int _nextWindow;
    private long _inputConsumed;
    private long _dropped;
    private volatile bool _completeRequested;
    private volatile bool _disposed;
    private Exception? _failure;

    public StreamingTranscriber(string modelPath, int inputSampleRate, StreamingOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSampleRate);
        _options = options ?? new StreamingOptions();
        _options.Notes.Validate();
        _inputRate = inputSampleRate;
        _ring = new SpscRing<float>((int)Math.Max(ReadChunk * 2, _options.RingSeconds * inputSampleRate));
        _resampler = LibrosaResampler.CreateStreaming(inputSampleRate, BasicPitchConstants.SampleRate, ReadChunk);
        _model = new BasicPitchModel(modelPath, _options.Provider, _options.IntraOpNumThreads);
        _tracker = new IncrementalNoteTracker(_options.Notes, FrameToInputSample, _messages.Enqueue);
        _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "BasicPitch streaming worker" };
        _worker.Start();
    }

    /// <summary>
    /// Worst-case distance, in input samples, between a note boundary and the amount of pushed input
    /// that decides it: one model window minus the leading pad, the frames the decoder needs to settle
    /// a boundary, and the resampler's look-ahead. Worker compute time comes on top.
    /// </summary>
    public long LatencySamples
    {
        get
        {
            int settle = Math.Max(_tracker.SettleFrames, _options.Notes.MinimumNoteFrames + 2) + 2;
            long resampled = BasicPitchConstants.WindowSamples - WindowPlan.LeadingPadding + settle * BasicPitchConstants.FftHop;
            return ToInputSamples(resampled) + _resampler.LookaheadInputSamples + 1;
        }
    }

    /// <summary>Input samples refused because the ring was full (the worker fell behind).</summary>
    public long DroppedSamples => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Input samples the worker has read and run every ready window over: every note that can be decided from
    /// them has been queued. An offline host waits for this to reach what it pushed (see AudioToMidi).
    /// </summary>
    public long ProcessedSamples => Interlocked.Read(ref _processed);

    private long _processed;

    /// <summary>Managed bytes the worker allocated after the warm-up windows: its garbage becomes collections that
    /// pause every managed thread, the host's audio thread inside the plug-in included.</summary>
    internal long WorkerAllocatedBytes => Interlocked.Read(ref _workerAllocated);

    private long _workerAllocated;
    private long _workerAllocatedAtWarmup = -1;

    public bool IsCompleted => _finished.IsSet;

    /// <summary>
    /// Audio-thread entry point. Never blocks or allocates; returns false (and counts the samples as
    /// dropped) if the ring cannot take them all.
    /// </summary>
    public bool Push(ReadOnlySpan<float> samples)
    {
        if (_ring.TryWrite(samples))
        {
            return true;
        }

        Interlocked.Add(ref _dropped, samples.Length);
        return false;
    }

    /// <summary>Like <see cref="Push"/> but does not count a refusal as a drop, for producers that can retry.</summary>
    public bool TryPush(ReadOnlySpan<float> samples) => _ring.TryWrite(samples);

    /// <summary>Ends the stream: the worker flushes the tail (padded with silence) and closes every note.</summary>
    public void Complete() => _completeRequested = true;

    public bool WaitForCompletion(TimeSpan timeout)
    {
        bool done = _finished.Wait(timeout);
        if (_failure is not null)
        {
            throw new InvalidOperationException("The streaming worker failed.", _failure);
        }

        return done;
    }

    public bool TryRead(out NoteMessage message) => _messages.TryDequeue(out message);

    /// <summary>Notes closed so far (the last <see cref="IncrementalNoteTracker.MaxCompletedNotes"/> of a long stream),
    /// with pitch bends; safe to read once <see cref="IsCompleted"/>.</summary>
    public IReadOnlyList<NoteEvent> CompletedNotes => _tracker.CompletedNotes;

    private void WorkerLoop()
    {
        var chunk = new float[ReadChunk];
        var resampled = new float[_resampler.MaxOutputFor(ReadChunk)];
        try
        {
            while (!_disposed)
            {
                bool ending = _completeRequested;
                int read = _ring.Read(chunk);
                if (read > 0)
                {
                    _inputConsumed += read;
                    int produced = _resampler.Process(chunk.AsSpan(0, read), resampled);
                    AddResampled(resampled.AsSpan(0, produced));
                    RunReadyWindows(final: false);
                    Interlocked.Exchange(ref _processed, _inputConsumed);
                }
                else if (ending)
                {
                    Flush(resampled);
                    break;
                }
                else
                {
                    Thread.Sleep(2);
                }
            }
        }
        catch (Exception ex)
        {
            _failure = ex;
        }
        finally
        {
            _finished.Set();
        }
    }

    private void Flush(float[] resampled)
    {
        _resampler.Complete();
        int produced;
        while ((produced = _resampler.Drain(resampled)) > 0)
        {
            AddResampled(resampled.AsSpan(0, produced));
        }

        RunReadyWindows(final: true);
    }

    private void AddResampled(ReadOnlySpan<float> samples)
    {
        _audio.AddRange(samples);
        _resampledCount += samples.Length;
    }

    private void RunReadyWindows(bool final)
    {
        int windowsTotal = final ? WindowPlan.WindowCount(_resampledCount) : int.MaxValue;
        while (_nextWindow < windowsTotal)
        {
            long start = WindowPlan.WindowStart(_nextWindow);
            long end = start + BasicPitchConstants.WindowSamples;
            if (!final && end > _resampledCount)
            {
                break;
            }

            FillWindow(start, _window);
            _model.Run(_window, _note, _onset, _contour);
            _frames.AppendWindow(_note, _onset, _contour);
            _nextWindow++;
            DiscardAudioBefore(WindowPlan.WindowStart(_nextWindow));
            if (!final)
            {
                UpdateNotes(final: false, DecisionSample(end));
            }

            CountWorkerAllocations();
        }

        if (final)
        {
            UpdateNotes(final: true, _inputConsumed);
        }
    }

    private void CountWorkerAllocations()
    {
        long now = GC.GetAllocatedBytesForCurrentThread();
        if (_nextWindow == _options.AllocationWarmupWindows) _workerAllocatedAtWarmup = now;
        else if (_workerAllocatedAtWarmup >= 0) Interlocked.Exchange(ref _workerAllocated, now - _workerAllocatedAtWarmup);
    }

    private void UpdateNotes(bool final, long decidedAt)
    {
        int available = final ? Math.Min(_frames.EndFrame, WindowPlan.OutputFrameCount(_resampledCount)) : _frames.EndFrame;
        int regionStart = Math.Max(_frames.FirstFrame, available - _options.HistoryFrames);
        _tracker.Update(_frames, regionStart, available, decidedAt, final);
        _frames.DropBefore(regionStart);
    }

    private void FillWindow(long start, Span<float> window)
    {
        window.Clear();
        var audio = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_audio);
        long from = Math.Max(start, _audioStart);
        long to = Math.Min(start + window.Length, _audioStart + audio.Length);
        if (to > from)
        {
            audio.Slice((int)(from - _audioStart), (int)(to - from)).CopyTo(window[(int)(from - start)..]);
        }
    }

    private void DiscardAudioBefore(long sample)
    {
        int drop = (int)Math.Clamp(sample - _audioStart, 0, _audio.Count);
        _audio.RemoveRange(0, drop);
        _audioStart += drop;
    }

    /// <summary>Input samples that must have been pushed for 22.05 kHz sample <paramref name="resampledEnd"/> to exist.</summary>
    private long DecisionSample(long resampledEnd)
        => ToInputSamples(resampledEnd) + _resampler.LookaheadInputSamples;

    private long ToInputSamples(long resampled)
        => (resampled * _inputRate + BasicPitchConstants.SampleRate - 1) / BasicPitchConstants.SampleRate;

    private long FrameToInputSample(int frame) => (long)Math.Round(FrameTimes.ToSeconds(frame) * _inputRate);

    public void Dispose()
    {
        _disposed = true;
        _worker.Join();
        _model.Dispose();
        _finished.Dispose();
    }
}
