using NeuralSynth.Engine.Core;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Host;
using NeuralSynth.Vst3.Interfaces;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The processor half of a plug-in (IComponent, IAudioProcessor, IProcessContextRequirements,
/// IConnectionPoint). It owns the engine; the host drives it from a UI thread (setup, state) and the audio
/// thread (process). The audio path never allocates, locks or lets an exception escape: a failure produces
/// silence and an engine message, and the host keeps running.
/// </summary>
internal sealed unsafe partial class Component : ComObject
{
    public const int ComponentSlot = 0, ProcessorSlot = 1, ContextSlot = 2, ConnectionSlot = 3, MidiSlot = 4;

    private readonly IPluginEngine _engine;
    private readonly float[] _plain;
    private readonly EventQueue _queue = new();
    private PluginState? _pendingState;
    private float[][] _io = [];
    private ulong _arrangement = Vst.SpeakerStereo;      // output bus; the engine runs this many channels
    private ulong _inputArrangement = Vst.SpeakerStereo; // effect input bus (mono input feeds both channels, stereo feeds a mono engine as L+R)
    private double _sampleRate = 44100;
    private int _maxBlock = 1024;
    private int _sampleSize = Vst.Sample32;
    private volatile bool _active;
    private bool _bypassed;
    private bool _setupOffline;
    private bool _sidechainActive;
    private readonly List<NeuralSynth.Product.IModelSlot> _modelSlots = [];
    private float[][] _sidechain = [];
    private IntPtr _hostContext;

    public Component(PluginKind kind) : this(PluginDefinition.For(kind)) { }

    public Component(PluginDefinition definition)
        : base(ComponentVtables.All, definition.Kind == PluginKind.Instrument ? ComponentVtables.InstrumentInterfaces : ComponentVtables.EffectInterfaces)
    {
        Definition = definition;
        _plain = (float[])definition.DefaultPlain.Clone();
        Link = new ComponentLink(this);
        _engine = definition.Kind switch
        {
            PluginKind.Instrument => new InstrumentEngine(definition.Library, definition.ModelsRoot),
            PluginKind.Effect => new EffectEngine(definition.Library),
            _ => new AudioToMidiEngine(definition.ModelsRoot),
        };
        foreach (var parameter in definition.Parameters)
            if (parameter.Role == ParameterRole.Model && _engine.SlotFor(parameter.Id) is { } slot)
            {
                slot.Changed += OnModelChanged;
                _modelSlots.Add(slot);
            }
        ApplyToEngineImmediately();
    }

    public PluginDefinition Definition { get; }
    public ComponentLink Link { get; }

    /// <summary>
    /// Peak levels per block for the editor's meters: the audio thread writes (never blocks: a full ring drops the
    /// reading), the editor's timer on the UI thread drains. Written whether or not an editor is open.
    /// </summary>
    internal SpscRing<LevelReading> Levels { get; } = new(64);

    internal double SampleRate => _sampleRate;
    internal IPluginEngine Engine => _engine;

    /// <summary>The effect's model slot (null for the instrument).</summary>
    internal NeuralSynth.Product.Effects.EffectSlot? Models => (_engine as EffectEngine)?.Models;

    /// <summary>The slot behind a model parameter (Effect Model, Sound Source).</summary>
    internal NeuralSynth.Product.IModelSlot? SlotFor(uint parameterId) => _engine.SlotFor(parameterId);

    /// <summary>The model a model parameter's value plays in this instance (the effect's model from disk included), or null.</summary>
    internal NeuralSynth.Product.Models.ModelEntry? EntryOf(PluginParameter parameter, int value) =>
        Definition.EntryOf(parameter, value, Models?.DiskModel);

    /// <summary>What the user should know, or null: a session restored without a model, a model that failed to load.</summary>
    public string? StatusText
    {
        get
        {
            var problems = new List<string>();
            if (LastStateProblem != null) problems.Add("state: " + LastStateProblem);
            problems.AddRange(_restoreProblems);
            foreach (var parameter in Definition.Parameters)
                if (parameter.Role == ParameterRole.Model && _engine.SlotFor(parameter.Id)?.LastError is { } error)
                    problems.Add($"{parameter.Spec.Name}: {error}");
            return problems.Count == 0 ? null : string.Join("; ", problems);
        }
    }

    private IReadOnlyList<string> _restoreProblems = [];

    // A model finished loading (worker or UI thread): its latency, knob names and the status may have changed.
    private void OnModelChanged() =>
        Link.RequestRestart(Vst.RestartLatencyChanged | Vst.RestartParamTitlesChanged | Vst.RestartParamValuesChanged);
    internal bool IsActive => _active;
    internal IntPtr HostContext => _hostContext;
    public string? LastStateProblem { get; private set; }

    /// <summary>Test seam: makes the next process call throw inside the guarded region.</summary>
    internal bool InjectProcessFault { get; set; }

    public int ChannelCount => Channels(_arrangement);

    private static int Channels(ulong arrangement) => arrangement == Vst.SpeakerMono ? 1 : 2;

    public float PlainValue(int index) => Volatile.Read(ref _plain[index]);

    // ---- IPluginBase ----------------------------------------------------------------------------

    public int Initialize(IntPtr context)
    {
        if (_hostContext != IntPtr.Zero) return TResult.False;
        _hostContext = Unknown.Query(context, Iids.HostApplication);
        return TResult.Ok;
    }

    public int Terminate()
    {
        _engine.Dispose();
        Link.Forget();
        Unknown.Release(_hostContext);
        _hostContext = IntPtr.Zero;
        return TResult.Ok;
    }

    protected override void OnFinalRelease()
    {
        _engine.Dispose();
        Link.Forget();
        Unknown.Release(_hostContext);
        _hostContext = IntPtr.Zero;
        // The engine's buffers are large-object-heap arrays, reclaimed only by a full collection, which the
        // audio path (allocation-free) never triggers: hosts that create and destroy instances would see memory
        // climb. Ask for a background collection now; it runs beside other instances' audio threads.
        GC.Collect(2, GCCollectionMode.Forced, blocking: false);
    }

    // ---- IComponent -----------------------------------------------------------------------------

    public int GetControllerClassId(void* classId)
    {
        if (classId == null) return TResult.InvalidArgument;
        ClassIds.Controller(Definition.Kind).Write(classId);
        return TResult.Ok;
    }

    public int GetBusCount(int mediaType, int direction) => (mediaType, direction) switch
    {
        (Vst.MediaAudio, Vst.DirectionOutput) => 1,
        // The instrument's input is an optional sidechain: what "Continue What I Play" listens to.
        (Vst.MediaAudio, Vst.DirectionInput) => _engine.HasAudioInput || Definition.Kind == PluginKind.Instrument ? 1 : 0,
        (Vst.MediaEvent, Vst.DirectionInput) => Definition.Kind == PluginKind.Instrument ? 1 : 0,
        (Vst.MediaEvent, Vst.DirectionOutput) => Definition.Kind == PluginKind.AudioToMidi ? 1 : 0,
        _ => 0,
    };

    public int GetBusInfo(int mediaType, int direction, int index, BusInfo* info)
    {
        if (info == null || index != 0 || GetBusCount(mediaType, direction) == 0) return TResult.InvalidArgument;
        *info = default;
        info->MediaType = mediaType;
        info->Direction = direction;
        bool sidechain = mediaType == Vst.MediaAudio && direction == Vst.DirectionInput && !_engine.HasAudioInput;
        info->BusType = sidechain ? Vst.BusAux : Vst.BusMain;
        info->Flags = sidechain ? 0u : Vst.BusDefaultActive;
        bool audio = mediaType == Vst.MediaAudio;
        info->ChannelCount = !audio ? 16 : direction == Vst.DirectionInput ? Channels(_inputArrangement) : ChannelCount;
        string name = audio ? (sidechain ? "Sidechain" : direction == Vst.DirectionInput ? "Input" : "Output") : direction == Vst.DirectionInput ? "MIDI In" : "MIDI Out";
        Strings.WriteUtf16(info->Name, Strings.String128, name);
        return TResult.Ok;
    }

    public int ActivateBus(int mediaType, int direction, int index, bool state)
    {
        if (index != 0 || GetBusCount(mediaType, direction) == 0) return TResult.InvalidArgument;
        if (mediaType == Vst.MediaAudio && direction == Vst.DirectionInput && !_engine.HasAudioInput && !_active) _sidechainActive = state;
        return TResult.Ok;
    }

    public int SetActive(bool state)
    {
        if (!state)
        {
            _active = false;
            return TResult.Ok;
        }
        int channels = ChannelCount;
        var io = new float[channels][];
        for (int c = 0; c < channels; c++) io[c] = new float[_maxBlock];
        Interlocked.Exchange(ref _pendingState, null);
        ApplyToEngineImmediately(); // model requests first: preparing loads the requested models for this setup
        _engine.Prepare(_sampleRate, _maxBlock, channels);
        _io = io;
        if (_engine is InstrumentEngine instrument)
        {
            _sidechain = _sidechainActive ? [new float[_maxBlock]] : [];
            if (_sidechainActive) instrument.Product.ListenToInput(_sampleRate);
            instrument.Sidechain = null;
        }
        ApplyToEngineImmediately();
        _active = true;
        return TResult.Ok;
    }

    public int SetState(IntPtr stream)
    {
        if (!StateStream.TryRead(stream, Definition, PluginState.Defaults(Definition), out var state, out string? problem))
        {
            LastStateProblem = problem;
            return TResult.False;
        }
        LastStateProblem = null;
        _restoreProblems = state!.Problems;
        for (int i = 0; i < _plain.Length; i++) Volatile.Write(ref _plain[i], state.Values[i]);
        Models?.UseDiskModel(state.DiskModel); // before the model loads below: the saved model from disk is what plays
        if (_active) Interlocked.Exchange(ref _pendingState, state);
        else ApplyToEngineImmediately();
        // Models load now, so a host that renders right after restoring hears them.
        for (int i = 0; i < _plain.Length; i++)
            if (Definition.Parameters[i].Role == ParameterRole.Model && _engine.SlotFor(Definition.Parameters[i].Id) is { } slot)
                slot.LoadNow((int)state.Values[i]);
        return TResult.Ok;
    }

    public int GetState(IntPtr stream)
    {
        if (stream == IntPtr.Zero) return TResult.InvalidArgument;
        return StateStream.Write(stream, StateChunk.Write(Definition, CurrentState())) ? TResult.Ok : TResult.False;
    }

    public PluginState CurrentState()
    {
        var values = new float[_plain.Length];
        for (int i = 0; i < values.Length; i++) values[i] = Volatile.Read(ref _plain[i]);
        return PluginState.Of(Definition, values, _restoreProblems, Models?.DiskModel);
    }

    /// <summary>
    /// The controller changed a parameter (the user, or host automation through the controller). The value is
    /// recorded at once, so a state saved before the next process call already holds it; the processor still
    /// receives the change through the host's parameter queue. UI thread.
    /// </summary>
    public void RecordFromController(int index, float plain)
    {
        var parameter = Definition.Parameters[index];
        if (!parameter.IsPersistent && parameter.Role != ParameterRole.Model) return;
        Volatile.Write(ref _plain[index], plain);
        if (parameter.Role == ParameterRole.Model) _engine.SlotFor(parameter.Id)?.Request((int)plain);
    }

    // ---- IAudioProcessor (setup; process is in Component.Process.cs) ------------------------------

    public int SetBusArrangements(ulong* inputs, int inputCount, ulong* outputs, int outputCount)
    {
        if (inputCount < 0 || outputCount != 1 || outputs == null || _active) return TResult.False;
        ulong output = outputs[0];
        if (!IsMonoOrStereo(output)) return TResult.False;
        ulong input = output;
        if (_engine.HasAudioInput)
        {
            if (inputCount != 1 || inputs == null || !IsMonoOrStereo(inputs[0])) return TResult.False;
            input = inputs[0];
        }
        else if (inputCount > 1 || (inputCount == 1 && (inputs == null || !IsMonoOrStereo(inputs[0]))))
        {
            return TResult.False; // the instrument's one optional input is the sidechain, mono or stereo
        }
        else if (inputCount == 1)
        {
            input = inputs![0];
        }
        _arrangement = output;
        _inputArrangement = input;
        return TResult.Ok;
    }

    private static bool IsMonoOrStereo(ulong arrangement) => arrangement is Vst.SpeakerMono or Vst.SpeakerStereo;

    public int GetBusArrangement(int direction, int index, ulong* arrangement)
    {
        if (arrangement == null || index != 0 || GetBusCount(Vst.MediaAudio, direction) == 0) return TResult.InvalidArgument;
        *arrangement = direction == Vst.DirectionInput ? _inputArrangement : _arrangement;
        return TResult.Ok;
    }

    public static int CanProcessSampleSize(int size) => size is Vst.Sample32 or Vst.Sample64 ? TResult.Ok : TResult.False;

    public uint LatencySamples => (uint)Math.Max(0, _engine.LatencySamples);

    public uint TailSamples => (uint)Math.Max(0, _engine.TailSamples(_sampleRate));

    public int SetupProcessing(ProcessSetup* setup)
    {
        if (setup == null) return TResult.InvalidArgument;
        if (_active) return TResult.False;
        if (!(setup->SampleRate >= 8000 && setup->SampleRate <= 384000)) return TResult.InvalidArgument;
        if (setup->MaxSamplesPerBlock < 1 || setup->MaxSamplesPerBlock > NeuralSynth.Engine.Synth.SynthEngine.MaxBlockSizeLimit) return TResult.InvalidArgument;
        if (CanProcessSampleSize(setup->SymbolicSampleSize) != TResult.Ok) return TResult.InvalidArgument;
        _sampleRate = setup->SampleRate;
        _maxBlock = setup->MaxSamplesPerBlock;
        _setupOffline = setup->ProcessMode == Vst.ProcessModeOffline;
        _engine.OfflineRendering = _setupOffline;
        _sampleSize = setup->SymbolicSampleSize;
        return TResult.Ok;
    }

    public int SetProcessing(bool state) => _active || !state ? TResult.Ok : TResult.False;

    /// <summary>
    /// IMidiMapping lives on the controller, but hosts that hold only the component (JUCE asks the component
    /// first; a bare processing host may never create a controller) can map controllers here too.
    /// </summary>
    public int GetMidiControllerAssignment(int busIndex, short channel, short controller, uint* id) =>
        MidiMapping.Assign(Definition, busIndex, channel, controller, id);

    public static uint ProcessContextRequirements =>
        Vst.NeedTempo | Vst.NeedTimeSignature | Vst.NeedTransportState | Vst.NeedProjectTimeMusic | Vst.NeedBarPositionMusic;

    /// <summary>Sets every engine parameter from the stored values at once (no ramps): only while not processing.</summary>
    private void ApplyToEngineImmediately()
    {
        for (int i = 0; i < _plain.Length; i++) ApplyValue(Definition.Parameters[i], _plain[i], immediate: true);
    }

    private void ApplyValue(PluginParameter parameter, float plain, bool immediate)
    {
        switch (parameter.Role)
        {
            case ParameterRole.Engine:
                _engine.SetParameter(parameter.Spec.Id, plain, immediate);
                break;
            case ParameterRole.Bypass:
                _bypassed = plain >= 0.5f;
                break;
            case ParameterRole.Model:
                _engine.SlotFor(parameter.Id)?.Request((int)plain);
                break;
        }
    }
}
