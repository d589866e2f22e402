namespace NeuralSynth.Product;

/// <summary>
/// What a <see cref="BackgroundSlot{T}"/> loads into: the real-time processor that swaps the loaded object in
/// lock-free. <see cref="HandOver"/> returns a version; once <see cref="VersionInUse"/> reaches it the audio
/// thread has let go of the previous object. <see cref="AdoptNow"/> is called only while not processing.
/// </summary>
public interface ISlotTarget<in T> where T : class
{
    int HandOver(T? value);
    int VersionInUse { get; }
    void AdoptNow();
}

/// <summary>
/// Loads models off the audio thread for one slot of a real-time processor (the effect's model, the
/// instrument's sound source). The audio thread only writes the requested index (<see cref="Request"/>, one
/// volatile store); a worker thread polls it, loads, and hands the result over. A replaced object is disposed
/// only once the audio thread has let go of it. UI-thread calls (<see cref="LoadNow"/>, <see cref="Configure"/>)
/// load synchronously, so a host that renders right after restoring a state hears the restored model.
/// Index 0 means "nothing loaded" (the processor's built-in behaviour).
/// </summary>
public sealed class BackgroundSlot<T> : IDisposable where T : class
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly ISlotTarget<T> _target;
    private readonly Func<int, T?> _load;
    private readonly string _threadName;
    private readonly object _loadLock = new();
    private readonly List<(T Value, int Version)> _retired = [];
    private int _requested, _loaded;
    private T? _current;
    private bool _configured;
    private Thread? _worker;
    private volatile bool _stopping;
    private int _changePending;
    private int _reloadPending;

    /// <param name="load">Opens the object for an index ≥ 1 for the current setup; may throw.</param>
    public BackgroundSlot(ISlotTarget<T> target, Func<int, T?> load, string threadName)
    {
        _target = target;
        _load = load;
        _threadName = threadName;
    }

    /// <summary>Raised on the worker thread (or in <see cref="Configure"/>), outside any lock, after a load (successful or not).</summary>
    public event Action? Changed;

    public int LoadedIndex => Volatile.Read(ref _loaded);
    public int RequestedIndex => Volatile.Read(ref _requested);
    public T? Current => Volatile.Read(ref _current);

    /// <summary>Why the last load failed (the slot is then empty), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Audio-thread safe: asks the worker for an index. Lock-free, allocation-free.</summary>
    public void Request(int index) => Volatile.Write(ref _requested, index);

    /// <summary>
    /// UI thread: the object behind the requested index changed (the effect's model from disk points at another
    /// file): the worker opens it again although the index stayed the same.
    /// </summary>
    public void RequestReload() => Volatile.Write(ref _reloadPending, 1);

    /// <summary>
    /// UI thread: requests and loads now (once a processing setup is known). <see cref="Changed"/> is raised by the
    /// worker thread, after this call returned: this runs inside a host's setState, and a host may hold a lock there
    /// that its restartComponent takes again (Ardour 7's VST3PI::load_state does: a synchronous restart from here
    /// deadlocked Ardour reopening a session with a model).
    /// </summary>
    public void LoadNow(int index)
    {
        Request(index);
        lock (_loadLock) LoadRequested(force: false);
    }

    /// <summary>
    /// While not processing, after the processor was prepared for a new setup: opens the requested object afresh
    /// for it (sample-rate converters, voice counts change) and starts the worker.
    /// </summary>
    public void Configure()
    {
        lock (_loadLock)
        {
            _configured = true;
            LoadRequested(force: true);
            _target.AdoptNow();
            DisposeRetired(all: true);
        }
        RaiseChanged();
        if (_worker == null)
        {
            _worker = new Thread(WorkerLoop) { IsBackground = true, Name = _threadName };
            _worker.Start();
        }
    }

    /// <summary>Waits until the loaded index is the requested one (tests, offline hosts).</summary>
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
        lock (_loadLock)
        {
            _target.HandOver(null);
            _target.AdoptNow();
            if (_current != null) _retired.Add((_current, 0));
            _current = null;
            DisposeRetired(all: true);
        }
    }

    private void WorkerLoop()
    {
        while (!_stopping)
        {
            if (RequestedIndex != LoadedIndex || Volatile.Read(ref _reloadPending) == 1)
            {
                lock (_loadLock) LoadRequested(force: false);
            }
            RaiseChanged(); // this loop's load, or one LoadNow made on the host's thread
            lock (_loadLock) DisposeRetired(all: false);
            Thread.Sleep(PollInterval);
        }
    }

    // Caller holds _loadLock.
    private void LoadRequested(bool force)
    {
        int index = RequestedIndex;
        bool reload = Interlocked.Exchange(ref _reloadPending, 0) == 1;
        if (!_configured || (!force && !reload && index == _loaded)) return;
        T? value = null;
        string? error = null;
        if (index >= 1)
        {
            try { value = _load(index); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A broken model leaves the slot empty instead of failing the host; the reason is kept for the UI.
                error = e.Message;
            }
        }
        var previous = _current;
        Volatile.Write(ref _current, value);
        int version = _target.HandOver(value);
        if (previous != null) _retired.Add((previous, version));
        LastError = error;
        Volatile.Write(ref _loaded, index);
        Volatile.Write(ref _changePending, 1);
    }

    // Caller holds _loadLock. A retired object is safe to dispose once the target adopted the hand-over that replaced it.
    private void DisposeRetired(bool all)
    {
        int inUse = _target.VersionInUse;
        for (int i = _retired.Count - 1; i >= 0; i--)
        {
            if (!all && _retired[i].Version > inUse) continue;
            (_retired[i].Value as IDisposable)?.Dispose();
            _retired.RemoveAt(i);
        }
    }

    // The host is told after the lock is released: restartComponent may call back into the plug-in (setActive)
    // from another thread that needs the lock.
    private void RaiseChanged()
    {
        if (Interlocked.Exchange(ref _changePending, 0) == 1) Changed?.Invoke();
    }
}
