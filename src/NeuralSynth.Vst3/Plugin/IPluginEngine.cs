using NeuralSynth.Engine.Core;
using NeuralSynth.Product;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>What the component needs from either engine; one adapter per plug-in kind over the product's composition root.</summary>
internal interface IPluginEngine : IDisposable
{
    SpscRing<EngineMessage> Messages { get; }
    bool HasAudioInput { get; }
    /// <summary>The host's process mode is offline (bounce/export): the engine may wait for its worker threads.</summary>
    bool OfflineRendering { get; set; }
    /// <summary>The model slot behind a model parameter (Effect Model, Sound Source), or null.</summary>
    IModelSlot? SlotFor(uint parameterId);
    /// <summary>Latency of the current model, in samples at the prepared rate.</summary>
    int LatencySamples { get; }
    void Prepare(double sampleRate, int maxBlockSize, int channels);
    void Reset();
    /// <summary>Sets a parameter by id: with <paramref name="immediate"/> only while not processing.</summary>
    void SetParameter(int id, float plain, bool immediate);
    /// <summary>Queues an event for the start of the next block (audio thread only: the engine's ring has one producer).</summary>
    bool Enqueue(in EngineEvent e);
    /// <summary>Processes in place (the effect reads its input from the block).</summary>
    void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport);
    /// <summary>How long output continues after input stops, at the prepared rate.</summary>
    int TailSamples(double sampleRate);
}
