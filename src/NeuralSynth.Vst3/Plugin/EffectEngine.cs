using NeuralSynth.Engine.Core;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>The FX plug-in's engine: the effect chain (its model slot is owned by the component).</summary>
internal sealed class EffectEngine : IPluginEngine
{
    public Engine.Effects.EffectChain Chain { get; } = new();

    public SpscRing<EngineMessage> Messages => Chain.Messages;
    public bool HasAudioInput => true;
    public bool OfflineRendering { get; set; } // the effect has no worker to wait for

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => Chain.Prepare(sampleRate, maxBlockSize, channels);
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

    // An amp model has no reverb-like tail: only its latency (the dry path is delayed by the same amount).
    public int TailSamples(double sampleRate) => Chain.LatencySamples;

    public void Dispose() { }
}
