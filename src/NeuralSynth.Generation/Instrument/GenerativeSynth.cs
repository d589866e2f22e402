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
        generator.SettingsRefresh = ApplyGeneratorParameters;
    }

    public SynthEngine Synth { get; }

    /// <summary>
    /// Every note on/off the synth receives, played or generated, for a display on the UI thread (one reader).
    /// Written on the audio thread without blocking or allocating; a full ring drops entries (nobody is reading).
    /// </summary>
    public Engine.Core.SpscRing<NoteLogEntry> NoteLog { get; } = new(1024);

    /// <summary>Samples processed since prepare: the "now" of <see cref="NoteLog"/> (read from any thread).</summary>
    public long SamplesProcessed => Volatile.Read(ref _samplesProcessed);
    public LiveGenerator Generator { get; }

    /// <summary>
    /// The generator's parameters. Written by one thread at a time: before processing starts, or by the audio thread
    /// through parameter events in <see cref="Process(AudioBlock, ReadOnlySpan{EngineEvent})"/>; the generator
    /// thread picks changes up by itself (<see cref="ApplyGeneratorParameters"/>).
    /// </summary>
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

    /// <summary>
    /// Set while the host renders offline (bounce, export): each playing block then waits, up to
    /// <see cref="OfflineWaitLimit"/>, until the generator has composed past its end, so no generated note arrives
    /// late. Never set it for real-time processing.
    /// </summary>
    public bool OfflineRendering { get; set; }

    public static readonly TimeSpan OfflineWaitLimit = TimeSpan.FromSeconds(5);

    public int LatencySamples => ((IAudioProcessor)Synth).LatencySamples;

    /// <summary>True when <paramref name="parameterId"/> is one of the generator's (ids 60..66).</summary>
    public bool IsGeneratorParameter(int parameterId) => GeneratorValues.Registry.IndexOf(parameterId) >= 0;

    /// <summary>
    /// Publishes changed generator parameters to the generator (allocates: not for the audio thread). The generator
    /// thread calls it before each bar it composes; call it yourself to apply changes before processing starts.
    /// </summary>
    public void ApplyGeneratorParameters()
    {
        int version = GeneratorValues.Version;
        if (Interlocked.Exchange(ref _settingsVersion, version) == version) return;
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
        for (int i = 0; i < events.Length; i++)
        {
            // Generator parameters travel with the block's events (host automation); the synth ignores their ids.
            if (events[i].Kind == EngineEventKind.Parameter) GeneratorValues.Set(events[i].ParameterId, events[i].Value);
            scheduler.RecordPlayed(transport, events[i]);
        }
        int generated = scheduler.BeginBlock(transport, _generated);
        if (transport.Playing)
        {
            if (OfflineRendering) AwaitComposer(transport.EndQuarters);
            generated = scheduler.EmitBlock(transport, _generated, generated);
        }

        // Merge two offset-sorted lists; at equal offsets the player's events come first.
        int a = 0, b = 0, count = 0, capacity = _merged.Length;
        while ((a < events.Length || b < generated) && count < capacity)
        {
            bool takePlayer = b >= generated || (a < events.Length && events[a].SampleOffset <= _generated[b].SampleOffset);
            _merged[count++] = takePlayer ? events[a++] : _generated[b++];
            var e = _merged[count - 1];
            if (e.Kind is EngineEventKind.NoteOn or EngineEventKind.NoteOff)
                NoteLog.TryWrite(new NoteLogEntry(_samplesProcessed - output.Length + e.SampleOffset, e.Data, e.Kind == EngineEventKind.NoteOn, !takePlayer));
        }
        Synth.Transport = Transport;
        Synth.Process(output, _merged.AsSpan(0, count));
    }

    private void AwaitComposer(double blockEndQuarters)
    {
        if (GeneratorValues.GetTarget(GeneratorParameters.Enabled) < 0.5f) return;
        int epoch = Generator.Scheduler.Epoch;
        long deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(OfflineWaitLimit.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (!Generator.HasComposedThrough(epoch, blockEndQuarters) && Generator.Fault is null
               && System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
            Thread.Sleep(1);
    }

    public void Dispose()
    {
        _listener?.Dispose();
        Generator.Dispose();
    }
}
