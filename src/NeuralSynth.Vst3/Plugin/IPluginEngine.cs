using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>What the component needs from either engine; one adapter per plug-in kind.</summary>
internal interface IPluginEngine
{
    ParameterValues Parameters { get; }
    SpscRing<EngineMessage> Messages { get; }
    bool HasAudioInput { get; }
    void Prepare(double sampleRate, int maxBlockSize, int channels);
    void Reset();
    /// <summary>Queues an event for the start of the next block (audio thread only: the engine's ring has one producer).</summary>
    bool Enqueue(in EngineEvent e);
    /// <summary>Processes in place (the effect reads its input from the block).</summary>
    void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport);
    /// <summary>How long output continues after input stops, at the prepared rate.</summary>
    int TailSamples(double sampleRate);
}

internal sealed class InstrumentEngine : IPluginEngine
{
    private readonly Engine.Synth.SynthEngine _synth = new();

    public Engine.Synth.SynthEngine Synth => _synth;

    public ParameterValues Parameters => _synth.Parameters;
    public SpscRing<EngineMessage> Messages => _synth.Messages;
    public bool HasAudioInput => false;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => _synth.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => _synth.Reset();
    public bool Enqueue(in EngineEvent e) => _synth.IncomingEvents.TryWrite(e);

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        _synth.Transport = transport;
        _synth.Process(block, events);
    }

    // The release stage plus one control interval of ramp-down.
    public int TailSamples(double sampleRate) =>
        (int)Math.Ceiling(_synth.Parameters.GetTarget(Engine.Synth.SynthParameters.Release) * 0.001 * sampleRate) + Engine.Synth.SynthEngine.ControlInterval;
}

internal sealed class EffectEngine : IPluginEngine
{
    public Engine.Effects.EffectChain Chain { get; } = new();

    public ParameterValues Parameters => Chain.Parameters;
    public SpscRing<EngineMessage> Messages => Chain.Messages;
    public bool HasAudioInput => true;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => Chain.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => Chain.Reset();
    public bool Enqueue(in EngineEvent e) => Chain.IncomingEvents.TryWrite(e);

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        Chain.Transport = transport;
        Chain.Process(block, events);
    }

    // An amp model has no reverb-like tail: only its latency (the dry path is delayed by the same amount).
    public int TailSamples(double sampleRate) => Chain.LatencySamples;
}
