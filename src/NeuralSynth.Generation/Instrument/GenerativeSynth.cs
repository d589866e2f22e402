using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Parameters;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Live;

namespace NeuralSynth.Generation.Instrument;

/// <summary>
/// The synth with the background composer attached: each block, the generator's beat-stamped notes become
/// sample-accurate events (following the host's tempo and transport) and are merged with the player's own
/// events before the synth renders. The player's notes also go back to the generator, so "continue what I
/// play" can use them as a primer. Audio-thread work is bounded and allocation-free.
/// </summary>
public sealed class GenerativeSynth : IInstrument, IDisposable
{
    private const int GeneratedCapacity = 512;

    private readonly EngineEvent[] _generated = new EngineEvent[GeneratedCapacity];
    private EngineEvent[] _merged = Array.Empty<EngineEvent>();
    private readonly SpscRing<TimelineAnchor> _anchors = new(256);
    private HummedPrimerBridge? _listener;
    private double _sampleRate;
    private int _settingsVersion = -1;
    private long _samplesProcessed;

    public GenerativeSynth(SynthEngine synth, LiveGenerator generator)
    {
        Synth = synth;
        Generator = generator;
        GeneratorValues = new ParameterValues(GeneratorParameters.CreateRegistry());
    }

    public SynthEngine Synth { get; }
    public LiveGenerator Generator { get; }

    /// <summary>The generator's parameters; change them off the audio thread, then call <see cref="ApplyGeneratorParameters"/>.</summary>
    public ParameterValues GeneratorValues { get; }

    /// <summary>The host transport for the next block (tempo, play state, position in quarter notes).</summary>
    public HostTransport Transport { get; set; }

    /// <summary>The transcriber listening to the input, if any (see <see cref="Listen"/>).</summary>
    public HummedPrimerBridge? Listener => _listener;

    /// <summary>
    /// Lets the generator hear the input audio: notes the transcriber finds become the primer for "continue what
    /// I play". Call before processing starts; the transcriber must run at the engine's sample rate.
    /// </summary>
    public void Listen(NeuralSynth.Transcription.Streaming.StreamingTranscriber transcriber)
    {
        _listener?.Dispose();
        _listener = new HummedPrimerBridge(transcriber, _anchors, Generator);
    }

    public int LatencySamples => ((IAudioProcessor)Synth).LatencySamples;

    /// <summary>Publishes changed generator parameters to the generator thread (allocates: not for the audio thread).</summary>
    public void ApplyGeneratorParameters()
    {
        if (GeneratorValues.Version == _settingsVersion) return;
        _settingsVersion = GeneratorValues.Version;
        Generator.Settings = GeneratorParameters.ToSettings(GeneratorValues);
    }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        _sampleRate = sampleRate;
        Synth.Prepare(sampleRate, maxBlockSize, channels);
        _merged = new EngineEvent[GeneratedCapacity + Math.Max(1024, maxBlockSize)];
        ApplyGeneratorParameters();
        Generator.Start();
    }

    public void Reset() => Synth.Reset();

    public void Process(AudioBlock block) => Process(block, ReadOnlySpan<EngineEvent>.Empty);

    /// <summary>Renders a block while the listener hears <paramref name="input"/> (same length, the host's input bus).</summary>
    public void Process(AudioBlock output, ReadOnlySpan<EngineEvent> events, ReadOnlySpan<float> input)
    {
        _listener?.Transcriber.Push(input);
        Process(output, events);
    }

    public void Process(AudioBlock output, ReadOnlySpan<EngineEvent> events)
    {
        var transport = BlockTransport.From(Transport, output.Length, _sampleRate);
        _anchors.TryWrite(new TimelineAnchor(_samplesProcessed, transport.PositionQuarters, transport.SamplesPerBeat, transport.Playing));
        _samplesProcessed += output.Length;
        var scheduler = Generator.Scheduler;
        for (int i = 0; i < events.Length; i++) scheduler.RecordPlayed(transport, events[i]);
        int generated = scheduler.Process(transport, _generated);

        // Merge two offset-sorted lists; at equal offsets the player's events come first.
        int a = 0, b = 0, count = 0, capacity = _merged.Length;
        while ((a < events.Length || b < generated) && count < capacity)
        {
            bool takePlayer = b >= generated || (a < events.Length && events[a].SampleOffset <= _generated[b].SampleOffset);
            _merged[count++] = takePlayer ? events[a++] : _generated[b++];
        }
        Synth.Transport = Transport;
        Synth.Process(output, _merged.AsSpan(0, count));
    }

    public void Dispose()
    {
        _listener?.Dispose();
        Generator.Dispose();
    }
}
