using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// The effect chain's model slot: index 0 is "None", index i is <see cref="ModelLibrary.Effects"/>[i - 1], and the
/// index after them (<see cref="DiskModelIndex"/>) is this instance's own model from disk (<see cref="DiskModel"/>),
/// loaded for the current <see cref="EffectSetup"/> by <see cref="EffectModelLoader"/> on a worker thread.
/// </summary>
public sealed class EffectSlot : IModelSlot, IDisposable
{
    private readonly BackgroundSlot<IAudioProcessor> _slot;
    private EffectSetup _setup;

    public EffectSlot(EffectChain chain, ModelLibrary library)
    {
        Library = library;
        _slot = new BackgroundSlot<IAudioProcessor>(new ChainTarget(chain), Load, "NeuralSynth model loader");
    }

    public ModelLibrary Library { get; }

    /// <summary>
    /// The index that plays <see cref="DiskModel"/>: one past the library's models. The library is scanned once per
    /// process and hosts expect a list parameter's length to stay fixed, so a model the user adds while the host
    /// runs plays through this one extra index instead of a longer list.
    /// </summary>
    public static int DiskModelIndexFor(ModelLibrary library) => library.Effects.Count + 1;

    public int DiskModelIndex => DiskModelIndexFor(Library);

    /// <summary>This instance's model from disk (one the user added that the library does not list), or null.</summary>
    public ModelEntry? DiskModel => Volatile.Read(ref _diskModel);

    private ModelEntry? _diskModel;

    /// <summary>
    /// UI thread: points <see cref="DiskModelIndex"/> at <paramref name="entry"/> (null: nothing). When that index is
    /// already requested the worker loads the new model; otherwise it loads when the index is requested.
    /// </summary>
    public void UseDiskModel(ModelEntry? entry)
    {
        if (ReferenceEquals(Volatile.Read(ref _diskModel), entry)) return;
        Volatile.Write(ref _diskModel, entry);
        if (RequestedIndex == DiskModelIndex) _slot.RequestReload();
    }

    /// <summary>Models load for offline rendering (see <see cref="EffectSetup.Offline"/>); a plain store, audio-thread safe.</summary>
    public bool Offline
    {
        get => Volatile.Read(ref _offline);
        set => Volatile.Write(ref _offline, value);
    }

    private bool _offline;

    /// <summary>Raised on the worker thread when the loaded model (and so the latency and knob names) changed.</summary>
    public event Action? Changed
    {
        add => _slot.Changed += value;
        remove => _slot.Changed -= value;
    }

    public int LoadedIndex => _slot.LoadedIndex;
    public int RequestedIndex => _slot.RequestedIndex;
    public ModelEntry? LoadedEntry => EntryAt(LoadedIndex);
    public string? LastError => _slot.LastError;
    public int LatencySamples => _slot.Current?.LatencySamples ?? 0;

    /// <summary>The loaded model as the chain runs it (wrapped in a rate converter where it needs one), or null.</summary>
    public IAudioProcessor? Current => _slot.Current;

    /// <summary>The loaded model's knob names in order (empty without a model or for models without knobs).</summary>
    public IReadOnlyList<string> KnobNames => _slot.Current is IKnobConditioned knobs
        ? Enumerable.Range(0, knobs.KnobCount).Select(knobs.KnobName).ToArray()
        : [];

    public ModelEntry? EntryAt(int index) =>
        index >= 1 && index <= Library.Effects.Count ? Library.Effects[index - 1] : index == DiskModelIndex ? DiskModel : null;

    public void Request(int index) => _slot.Request(index);
    public void LoadNow(int index) => _slot.LoadNow(index);
    public bool WaitUntilLoaded(TimeSpan timeout) => _slot.WaitUntilLoaded(timeout);

    /// <summary>While not processing, after the chain was prepared: reloads the model for this setup.</summary>
    public void Configure(EffectSetup setup)
    {
        _setup = setup;
        _slot.Configure();
    }

    public void Dispose() => _slot.Dispose();

    private IAudioProcessor? Load(int index)
    {
        var entry = EntryAt(index) ?? throw new NeuralSynth.Engine.InvalidInputException(index == DiskModelIndex
            ? "no model from disk was chosen in this instance (use \"Add model from disk…\" in the editor)"
            : $"model {index} is not in the library");
        try { return EffectModelLoader.Load(entry, _setup with { Offline = Offline }); }
        catch (Exception e) when (e is not OutOfMemoryException) { throw new NeuralSynth.Engine.InvalidInputException($"{entry.Reference}: {e.Message}"); }
    }

    private sealed class ChainTarget(EffectChain chain) : ISlotTarget<IAudioProcessor>
    {
        public int HandOver(IAudioProcessor? value) => chain.SetModel(value);
        public int VersionInUse => chain.ModelVersionInUse;
        public void AdoptNow() => chain.Reset();
    }
}
