using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// The effect chain's model slot: index 0 is "None", index i is <see cref="ModelLibrary.Effects"/>[i - 1],
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

    /// <summary>Models load for offline rendering (see <see cref="EffectSetup.Offline"/>); a plain store, audio-thread safe.</summary>
    public bool Offline
    {
        get => Volatile.Read(ref _offline);
        set => Volatile.Write(ref _offline, value);
    }

    private bool _offline;

    /// <summary>Raised on the loading thread when the loaded model (and so the latency and knob names) changed.</summary>
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

    public ModelEntry? EntryAt(int index) => index >= 1 && index <= Library.Effects.Count ? Library.Effects[index - 1] : null;

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
        var entry = EntryAt(index) ?? throw new NeuralSynth.Engine.InvalidInputException($"model {index} is not in the library");
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
