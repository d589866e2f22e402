using System.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Parameters;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Inference;
using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Realtime;

/// <summary>
/// Real-time RAVE processor. The audio thread only copies: it fills chunk slots with input, hands them to the
/// inference worker through a lock-free ring, and plays finished chunks back at a fixed latency of one chunk plus
/// one (maximum) block — chunk k's input ends at sample (k+1)·C and its output starts at (k+1)·C + B, so the worker
/// always has at least one block period to run it. If it is late the output crossfades from the last wet sample to
/// the fallback (latency-aligned dry, or silence) and <see cref="Overruns"/> increments; the late chunk is discarded
/// when it arrives and the next one on time fades back in. The audio thread never waits, allocates or locks
/// (except in <see cref="RaveProcessorOptions.WaitForWorker"/> mode, which is for offline rendering).
/// </summary>
public sealed class RaveProcessor : IAudioProcessor, ISegmentedProcessor, IDisposable
{
    private const int SlotCount = 8;
    private static readonly long WaitTimeoutTicks = Stopwatch.Frequency * 10;

    private readonly RaveModel _model;
    private readonly RaveProcessorOptions _options;
    private RaveWorker? _worker;
    private ChunkSlot[] _slots = [];
    private readonly int[] _free = new int[SlotCount];
    private int _freeCount;
    private DryWetMixer _dryWet = new(0, 1);
    private float[][] _wet = [];
    private float[] _mix = [], _gain = [], _held = [], _wetOrFallback = [];
    private LinearSmoother _wetGain;
    private int _chunk, _maxBlock, _hostChannels, _fade;
    private long _position;
    private int _fillSlot = -1, _fillCount, _playSlot = -1, _pending = -1, _generation;
    private bool _fillDropped, _playMissing;
    private long _overruns, _droppedChunks;

    public RaveProcessor(RaveModel model, RaveProcessorOptions? options = null)
    {
        _model = model;
        _options = options ?? new RaveProcessorOptions();
        Registry = RaveParameters.CreateRegistry();
        Parameters = new ParameterValues(Registry);
        int chunk = _options.ChunkSize == 0 ? model.Manifest.DefaultChunkSize : _options.ChunkSize;
        if (chunk < model.Manifest.CompressionRatio || chunk % model.Manifest.CompressionRatio != 0)
            throw new ArgumentOutOfRangeException(nameof(options), $"chunk size {chunk} is not a positive multiple of the compression ratio {model.Manifest.CompressionRatio}");
        _chunk = chunk;
        WaitForWorker = _options.WaitForWorker;
    }

    public ParameterRegistry Registry { get; }
    public ParameterValues Parameters { get; }

    /// <summary>Parameter events from a non-audio thread (UI, automation reader); applied at the next block.</summary>
    public SpscRing<EngineEvent> IncomingEvents { get; } = new(1024);

    public RaveModel Model => _model;

    /// <summary>
    /// Offline rendering: a chunk that is not ready is waited for instead of faded to the fallback. Starts as
    /// <see cref="RaveProcessorOptions.WaitForWorker"/>; a host switches it per block (its process mode).
    /// </summary>
    public bool WaitForWorker { get; set; }
    public int ChunkSize => _chunk;

    /// <summary>Chunk + maximum block: the buffering the worker design adds.</summary>
    public int BufferingLatencySamples => _chunk + _maxBlock;

    /// <summary>Total delay of the wet signal relative to the input: buffering plus the model's own delay (its PQMF).</summary>
    public int LatencySamples => BufferingLatencySamples + _model.Manifest.ModelDelaySamples;

    /// <summary>Chunks whose output was not ready when it was due (each one faded to the fallback).</summary>
    public long Overruns => Volatile.Read(ref _overruns);

    /// <summary>Chunks that could not be queued because every slot was still in flight (a stalled worker).</summary>
    public long DroppedChunks => Volatile.Read(ref _droppedChunks);

    internal RaveWorker? Worker => _worker;

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        if (maxBlockSize < 1 || maxBlockSize > 1 << 16) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        if (channels < 1 || channels > 32) throw new ArgumentOutOfRangeException(nameof(channels));
        if (Math.Abs(sampleRate - _model.Manifest.SampleRate) > 1e-6)
            throw new NeuralSynth.Engine.InvalidInputException($"{_model.Folder}: model runs at {_model.Manifest.SampleRate} Hz, the host at {sampleRate} Hz");
        _worker?.Dispose();
        _worker = null;
        _maxBlock = maxBlockSize;
        _hostChannels = channels;
        _fade = Math.Max(1, Math.Min(_options.FadeSamples, _chunk / 2));
        int modelChannels = _model.Manifest.Channels;
        _slots = Enumerable.Range(0, SlotCount).Select(_ => new ChunkSlot(modelChannels, _chunk)).ToArray();
        _dryWet = new DryWetMixer(channels, LatencySamples + maxBlockSize + 1);
        _wet = Enumerable.Range(0, modelChannels).Select(_ => new float[maxBlockSize]).ToArray();
        _mix = new float[maxBlockSize];
        _gain = new float[maxBlockSize];
        _wetOrFallback = new float[maxBlockSize];
        _held = new float[modelChannels];
        Parameters.Prepare(sampleRate);
        _wetGain.Configure(_fade);
        _worker = new RaveWorker(new RaveEngine(_model, _chunk, _options.Seed), _slots);
        _freeCount = 0;
        for (int i = 0; i < SlotCount; i++) _free[_freeCount++] = i;
        _fillSlot = _playSlot = _pending = -1;
        Reset();
    }

    /// <summary>Starts the stream over. Safe on the audio thread: slots still with the worker are recognised as
    /// stale (by generation) when they come back, and the worker restarts its model state on the next chunk.</summary>
    public void Reset()
    {
        _generation++;
        Recycle(ref _fillSlot);
        Recycle(ref _playSlot);
        Recycle(ref _pending);
        _dryWet.Clear();
        Array.Clear(_held);
        Parameters.Settle();
        _wetGain.SetImmediate(1f);
        _position = 0;
        _fillCount = 0;
        _fillDropped = false;
        _playMissing = false;
        while (IncomingEvents.TryRead(out _)) { }
    }

    public void Process(AudioBlock block) => Process(block, ReadOnlySpan<EngineEvent>.Empty);

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events)
    {
        int length = block.Length;
        if (_worker == null || length < 1 || length > _maxBlock || block.ChannelCount > _hostChannels)
        {
            if (_worker == null || length > _maxBlock) block.Clear();
            return;
        }
        EventSegmenter.Run(this, IncomingEvents, block, events);
    }

    void ISegmentedProcessor.ApplyEvent(in EngineEvent e) => Apply(e);

    /// <summary>Starts the output chunk due here; segments end where an input chunk fills or an output chunk ends.</summary>
    int ISegmentedProcessor.BeginSegment()
    {
        long sinceStart = _position - BufferingLatencySamples;
        if (sinceStart >= 0 && sinceStart % _chunk == 0) BeginOutputChunk(sinceStart / _chunk);
        int untilOutputChunk = sinceStart < 0 ? (int)Math.Min(-sinceStart, int.MaxValue) : _chunk - (int)(sinceStart % _chunk);
        return Math.Min(_chunk - _fillCount, untilOutputChunk);
    }

    void ISegmentedProcessor.ProcessSegment(AudioBlock block, int offset)
    {
        int n = block.Length;
        long outputPosition = _position - BufferingLatencySamples;
        int modelChannels = _wet.Length;
        CaptureInput(block);

        // Wet: the playing chunk, or (pre-roll / missing chunk) the held last sample that fades out.
        for (int c = 0; c < modelChannels; c++)
        {
            Span<float> wet = _wet[c].AsSpan(0, n);
            if (outputPosition < 0) wet.Clear();
            else if (_playMissing) wet.Fill(_held[c]);
            else _slots[_playSlot].Output[c].AsSpan((int)(outputPosition % _chunk), n).CopyTo(wet);
            if (n > 0 && !_playMissing) _held[c] = wet[n - 1];
        }

        Span<float> mix = _mix.AsSpan(0, n);
        Span<float> gain = _gain.AsSpan(0, n);
        LinearSmoother mixSmoother = Parameters.Smoother(RaveParameters.Mix); // a copy: Parameters.Advance moves the real one
        mixSmoother.Fill(mix);
        System.Numerics.Tensors.TensorPrimitives.Multiply(mix, 0.01f, mix);
        _wetGain.Fill(gain);
        bool silenceFallback = _options.Fallback == OverrunFallback.Silence;
        for (int c = 0; c < block.ChannelCount; c++)
        {
            Span<float> output = block.Channel(c);
            _dryWet.PushDry(c, output, LatencySamples);
            ReadOnlySpan<float> dry = _dryWet.Dry(c, n);
            ReadOnlySpan<float> wet = _wet[c % modelChannels].AsSpan(0, n);
            Span<float> wetEffective = _wetOrFallback.AsSpan(0, n);
            for (int i = 0; i < n; i++)
            {
                float fallback = silenceFallback ? 0f : dry[i];
                wetEffective[i] = fallback + gain[i] * (wet[i] - fallback);
            }
            _dryWet.Mix(c, wetEffective, mix, output);
            for (int i = 0; i < n; i++) if (!float.IsFinite(output[i])) output[i] = 0f;
        }
        Parameters.Advance(n);
        _position += n;
        if (_fillCount == _chunk) SubmitInputChunk();
    }

    private void CaptureInput(AudioBlock block)
    {
        int n = block.Length;
        if (_fillCount == 0)
        {
            _fillDropped = !TryTakeFree(out _fillSlot);
            if (!_fillDropped)
            {
                _slots[_fillSlot].Index = _position / _chunk;
                _slots[_fillSlot].Generation = _generation;
            }
        }
        if (!_fillDropped)
        {
            var slot = _slots[_fillSlot];
            int modelChannels = slot.Input.Length;
            if (modelChannels == 1 && block.ChannelCount > 1)
            {
                Span<float> mono = slot.Input[0].AsSpan(_fillCount, n);
                block.Channel(0).CopyTo(mono);
                for (int c = 1; c < block.ChannelCount; c++) System.Numerics.Tensors.TensorPrimitives.Add(mono, block.Channel(c), mono);
                System.Numerics.Tensors.TensorPrimitives.Multiply(mono, 1f / block.ChannelCount, mono);
            }
            else
            {
                for (int c = 0; c < modelChannels; c++)
                    block.Channel(Math.Min(c, block.ChannelCount - 1)).CopyTo(slot.Input[c].AsSpan(_fillCount, n));
            }
        }
        _fillCount += n;
    }

    private void SubmitInputChunk()
    {
        // Controls are captured before the index is published: after TryWrite the slot belongs to the worker.
        if (!_fillDropped) _slots[_fillSlot].Controls.Capture(Parameters);
        if (_fillDropped || !_worker!.Jobs.TryWrite(_fillSlot))
        {
            Interlocked.Increment(ref _droppedChunks);
            Recycle(ref _fillSlot);
        }
        _fillSlot = -1;
        _fillCount = 0;
    }

    private void BeginOutputChunk(long index)
    {
        Recycle(ref _playSlot);
        bool found = TryAcquire(index);
        if (!found && WaitForWorker)
        {
            var spin = new SpinWait();
            long deadline = Stopwatch.GetTimestamp() + WaitTimeoutTicks;
            while (!(found = TryAcquire(index)) && !ChunkCannotArrive(index) && Stopwatch.GetTimestamp() < deadline) spin.SpinOnce();
        }
        bool wasMissing = _playMissing;
        _playMissing = !found;
        if (!found)
        {
            Interlocked.Increment(ref _overruns);
            _wetGain.SetTarget(0f);
        }
        else if (wasMissing || _wetGain.Target < 1f)
        {
            _wetGain.SetTarget(1f);
        }
    }

    // In wait mode a chunk that was dropped at the input (no free slot) will never come back.
    private bool ChunkCannotArrive(long index) => _pending >= 0 && _slots[_pending].Index > index;

    /// <summary>Finds chunk <paramref name="index"/> among finished results, discarding stale and late ones.</summary>
    private bool TryAcquire(long index)
    {
        while (true)
        {
            if (_pending < 0)
            {
                if (!_worker!.Done.TryRead(out int slot)) return false;
                _pending = slot;
            }
            var s = _slots[_pending];
            if (s.Generation != _generation || s.Index < index)
            {
                Recycle(ref _pending);
                continue;
            }
            if (s.Index > index) return false; // keep it for its own turn
            _playSlot = _pending;
            _pending = -1;
            return true;
        }
    }

    private bool TryTakeFree(out int slot)
    {
        if (_freeCount == 0)
        {
            slot = -1;
            return false;
        }
        slot = _free[--_freeCount];
        return true;
    }

    private void Recycle(ref int slot)
    {
        if (slot >= 0) _free[_freeCount++] = slot;
        slot = -1;
    }

    private void Apply(in EngineEvent e)
    {
        if (e.Kind == EngineEventKind.Parameter) Parameters.Set(e.ParameterId, e.Value);
    }

    public void Dispose()
    {
        _worker?.Dispose();
        _worker = null;
    }
}
