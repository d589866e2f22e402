using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product;
using NeuralSynth.Product.Effects;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>The FX plug-in's engine: the product's effect (<see cref="ProductEffect"/>: chain + model slot over the model library).</summary>
internal sealed class EffectEngine : IPluginEngine
{
    public EffectEngine(ModelLibrary library) => Product = new ProductEffect(library);

    public ProductEffect Product { get; }
    public EffectChain Chain => Product.Chain;
    public EffectSlot Models => Product.Models;

    public SpscRing<EngineMessage> Messages => Chain.Messages;
    public bool HasAudioInput => true;
    public int LatencySamples => Models.LatencySamples;

    /// <summary>Offline bounces let worker-thread models (RAVE) wait for their results; takes effect at the next activation.</summary>
    public bool OfflineRendering
    {
        get => Product.Offline;
        set => Product.Offline = value;
    }

    public IModelSlot? SlotFor(uint parameterId) => parameterId == ParameterIds.Model ? Models : null;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => Product.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => Chain.Reset();
    public bool Enqueue(in EngineEvent e) => Chain.IncomingEvents.TryWrite(e);

    public void SetParameter(int id, float plain, bool immediate)
    {
        if (immediate) Chain.Parameters.SetImmediate(id, plain);
        else Chain.Parameters.Set(id, plain);
    }

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        Chain.Transport = transport;
        Chain.Process(block, events);
    }

    // The wet signal arrives after the model's latency; a model has no reverb-like tail beyond it.
    public int TailSamples(double sampleRate) => Chain.LatencySamples;

    public void Dispose() => Product.Dispose();
}
