using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Owns the effect's NAM model. Loading and preparing a model allocates and reads files, so it never happens
/// on the audio thread: the audio thread only writes the requested index (<see cref="Request"/>, one volatile
/// store); a worker thread polls it and hands the prepared model to the chain, which swaps it in lock-free.
/// State restores (UI thread) load synchronously so a host that renders right after setState hears the model.
/// </summary>
internal sealed class ModelSlot : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly EffectChain _chain;
    private readonly PluginDefinition _definition;
    private readonly object _loadLock = new();
    private int _requested;
    private int _loaded;
    private NamProcessor? _model;
    private double _sampleRate;
    private int _maxBlock, _channels;
    private int _latency;
    private Thread? _worker;
    private volatile bool _stopping;
    private int _latencyToAnnounce = -1;

    public ModelSlot(EffectChain chain, PluginDefinition definition)
    {
        _chain = chain;
        _definition = definition;
    }

    /// <summary>Raised (on the loading thread, outside any lock) when the model's latency changes.</summary>
    public event Action<int>? LatencyChanged;

    public int LatencySamples => Volatile.Read(ref _latency);
    public int LoadedIndex => Volatile.Read(ref _loaded);
    public int RequestedIndex => Volatile.Read(ref _requested);
    public string? LastError { get; private set; }

    /// <summary>Audio-thread safe: asks the worker for a model. Lock-free, allocation-free.</summary>
    public void Request(int index) => Volatile.Write(ref _requested, index);

    /// <summary>UI thread: requests and loads now (when the processing setup is known).</summary>
    public void LoadNow(int index)
    {
        Request(index);
        lock (_loadLock) LoadRequested();
        AnnounceLatency();
    }

    /// <summary>UI thread, while not processing: (re)prepares for a new processing setup and starts the worker.</summary>
    public void Configure(double sampleRate, int maxBlock, int channels)
    {
        lock (_loadLock)
        {
            _sampleRate = sampleRate;
            _maxBlock = maxBlock;
            _channels = channels;
            if (_model != null)
            {
                _model.Prepare(sampleRate, maxBlock, channels);
                _chain.SetModel(_model);
                PublishLatency(_model.LatencySamples);
            }
            LoadRequested();
        }
        AnnounceLatency();
        if (_worker == null)
        {
            _worker = new Thread(WorkerLoop) { IsBackground = true, Name = "NeuralSynth model loader" };
            _worker.Start();
        }
    }

    /// <summary>Waits until the loaded model is the requested one (tests, offline hosts).</summary>
    public bool WaitUntilLoaded(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (LoadedIndex != RequestedIndex)
        {
            if (DateTime.UtcNow > deadline) return false;
            Thread.Sleep(1);
        }
        return true;
    }

    public void Dispose()
    {
        _stopping = true;
        _worker?.Join(TimeSpan.FromSeconds(5));
        _worker = null;
    }

    private void WorkerLoop()
    {
        while (!_stopping)
        {
            if (RequestedIndex != LoadedIndex)
            {
                lock (_loadLock) LoadRequested();
                AnnounceLatency();
            }
            Thread.Sleep(PollInterval);
        }
    }

    // Caller holds _loadLock.
    private void LoadRequested()
    {
        int index = RequestedIndex;
        if (index == _loaded || _sampleRate <= 0) return;
        NamProcessor? model = null;
        try
        {
            string? path = _definition.ModelPath(index);
            if (path != null)
            {
                model = NamProcessor.Load(path);
                model.Prepare(_sampleRate, _maxBlock, _channels);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken model file leaves the chain dry (no model) instead of failing the host.
            LastError = $"{_definition.ModelReference(index)}: {e.Message}";
            model = null;
        }
        _model = model;
        _chain.SetModel(model);
        Volatile.Write(ref _loaded, index);
        PublishLatency(model?.LatencySamples ?? 0);
    }

    // Caller holds _loadLock: only records the change. The host is told after the lock is released, because
    // restartComponent may call back into the plug-in (setActive) from another thread that needs the lock.
    private void PublishLatency(int latency)
    {
        if (Interlocked.Exchange(ref _latency, latency) != latency) Volatile.Write(ref _latencyToAnnounce, latency);
    }

    private void AnnounceLatency()
    {
        int latency = Interlocked.Exchange(ref _latencyToAnnounce, -1);
        if (latency >= 0) LatencyChanged?.Invoke(latency);
    }
}
