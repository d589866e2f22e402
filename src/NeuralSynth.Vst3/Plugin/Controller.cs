using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Com;
using NeuralSynth.Vst3.Host;
using NeuralSynth.Vst3.Interfaces;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The edit-controller half (IEditController, IConnectionPoint, IUnitInfo, and for the instrument
/// IMidiMapping). It describes the parameters, converts values and text, and mirrors the component's state;
/// it never touches the engine. Called on the host's UI thread only.
/// </summary>
internal sealed unsafe class Controller : ComObject
{
    public const int EditSlot = 0, ConnectionSlot = 1, UnitSlot = 2, MidiSlot = 3;
    private readonly double[] _normalized;
    private IntPtr _handler;
    private IntPtr _hostContext;
    private IntPtr _proxyPeer;
    private readonly List<Editor.PlugView> _views = [];

    public Controller(PluginKind kind) : this(PluginDefinition.For(kind)) { }

    public Controller(PluginDefinition definition)
        : base(ControllerVtables.All, definition.Kind == PluginKind.Instrument ? ControllerVtables.InstrumentInterfaces : ControllerVtables.EffectInterfaces)
    {
        Definition = definition;
        _normalized = new double[definition.Count];
        for (int i = 0; i < definition.Count; i++) _normalized[i] = definition.Parameters[i].Spec.ToNormalized(definition.DefaultPlain[i]);
    }

    public PluginDefinition Definition { get; }
    public Component? Component { get; private set; }
    public string? LastStateProblem { get; private set; }

    public void AttachComponent(Component component) => Component = component;

    public void DetachComponent(Component component)
    {
        if (ReferenceEquals(Component, component)) Component = null;
    }

    public void RequestRestart(int flags)
    {
        IntPtr handler = Volatile.Read(ref _handler);
        if (handler != IntPtr.Zero) ComponentHandler.RestartComponent(handler, flags);
    }

    // ---- IPluginBase ----------------------------------------------------------------------------

    public int Initialize(IntPtr context)
    {
        if (_hostContext != IntPtr.Zero) return TResult.False;
        _hostContext = Unknown.Query(context, Iids.HostApplication);
        return TResult.Ok;
    }

    public int Terminate()
    {
        ReleaseHostObjects();
        return TResult.Ok;
    }

    protected override void OnFinalRelease() => ReleaseHostObjects();

    private void ReleaseHostObjects()
    {
        Component?.Link.Disconnect();
        Component = null;
        Unknown.Release(Interlocked.Exchange(ref _handler, IntPtr.Zero));
        Unknown.Release(Interlocked.Exchange(ref _hostContext, IntPtr.Zero));
        Unknown.Release(Interlocked.Exchange(ref _proxyPeer, IntPtr.Zero));
    }

    // ---- IEditController ------------------------------------------------------------------------

    public int SetComponentState(IntPtr stream)
    {
        if (!StateStream.TryRead(stream, Definition, PluginState.Defaults(Definition), out var state, out string? problem))
        {
            LastStateProblem = problem;
            return TResult.False;
        }
        LastStateProblem = null;
        for (int i = 0; i < Definition.Count; i++)
        {
            var parameter = Definition.Parameters[i];
            if (parameter.Role != ParameterRole.MidiController) _normalized[i] = parameter.Spec.ToNormalized(state!.Values[i]);
        }
        return TResult.Ok;
    }

    /// <summary>The controller keeps no state of its own (everything lives in the component's chunk).</summary>
    public static int SetState(IntPtr stream) => TResult.Ok;

    public static int GetState(IntPtr stream) => stream == IntPtr.Zero ? TResult.InvalidArgument : TResult.Ok;

    public int ParameterCount => Definition.Count;

    public int GetParameterInfo(int index, ParameterInfo* info)
    {
        if (info == null || index < 0 || index >= Definition.Count) return TResult.InvalidArgument;
        var parameter = Definition.Parameters[index];
        var spec = parameter.Spec;
        *info = default;
        info->Id = parameter.Id;
        string title = Title(parameter);
        Strings.WriteUtf16(info->Title, Strings.String128, title);
        Strings.WriteUtf16(info->ShortTitle, Strings.String128, title.Length <= 12 ? title : spec.Key);
        Strings.WriteUtf16(info->Units, Strings.String128, spec.Unit);
        info->StepCount = spec.StepCount;
        info->DefaultNormalizedValue = spec.ToNormalized(Definition.DefaultPlain[index]);
        info->UnitId = Vst.RootUnitId;
        info->Flags = parameter.Flags;
        return TResult.Ok;
    }

    /// <summary>
    /// A parameter's title as the host shows it. The effect's knobs take the loaded model's own knob names
    /// ("Drive", "Tone"; "Knob 3 (unused)" where the model has fewer), re-read by hosts on kParamTitlesChanged.
    /// </summary>
    public string Title(PluginParameter parameter)
    {
        var spec = parameter.Spec;
        if (Definition.Kind != PluginKind.Effect || spec.Id < NeuralSynth.Engine.Effects.EffectParameters.Knob1 ||
            spec.Id >= NeuralSynth.Engine.Effects.EffectParameters.Knob1 + NeuralSynth.Engine.Effects.EffectParameters.KnobCount)
            return spec.Name;
        int knob = spec.Id - NeuralSynth.Engine.Effects.EffectParameters.Knob1;
        var names = Component?.Models?.KnobNames ?? [];
        return knob < names.Count ? TitleCase(names[knob]) : $"{spec.Name} (unused)";
    }

    private static string TitleCase(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    public int GetParamStringByValue(uint id, double normalized, char* text)
    {
        int index = Definition.IndexOf(id);
        if (index < 0 || text == null) return TResult.InvalidArgument;
        string shown = ValueText(Definition.Parameters[index], normalized);
        Strings.WriteUtf16(text, Strings.String128, shown.Length > 127 ? shown[..124] + "..." : shown);
        return TResult.Ok;
    }

    /// <summary>
    /// A value as the host and the editor show it: the Status parameter's text is the component's status, and the
    /// Effect Model's last value names this instance's model from disk once it has one.
    /// </summary>
    public string ValueText(PluginParameter parameter, double normalized)
    {
        if (parameter.Role == ParameterRole.Status) return Component?.StatusText ?? "OK";
        float plain = parameter.Spec.ToPlain(normalized);
        return IsDiskModel(parameter, plain) && Component?.Models?.DiskModel is { } disk ? disk.DisplayName : parameter.Spec.Format(plain);
    }

    private bool IsDiskModel(PluginParameter parameter, float plain) => parameter.Id == ParameterIds.Model && (int)plain == Definition.DiskModelValue;

    public int GetParamValueByString(uint id, char* text, double* normalized)
    {
        int index = Definition.IndexOf(id);
        if (index < 0 || text == null || normalized == null) return TResult.InvalidArgument;
        var parameter = Definition.Parameters[index];
        var spec = parameter.Spec;
        string typed = Strings.ReadUtf16(text, Strings.String128);
        if (parameter.Id == ParameterIds.Model && typed == Component?.Models?.DiskModel?.DisplayName)
        {
            *normalized = spec.ToNormalized(Definition.DiskModelValue);
            return TResult.Ok;
        }
        if (!spec.TryParse(typed, out float plain)) return TResult.False;
        *normalized = spec.ToNormalized(plain);
        return TResult.Ok;
    }

    public double NormalizedToPlain(uint id, double normalized) =>
        Definition.IndexOf(id) is int i and >= 0 ? Definition.Parameters[i].Spec.ToPlain(normalized) : 0.0;

    public double PlainToNormalized(uint id, double plain) =>
        Definition.IndexOf(id) is int i and >= 0 ? Definition.Parameters[i].Spec.ToNormalized(plain) : 0.0;

    public double GetParamNormalized(uint id) => Definition.IndexOf(id) is int i and >= 0 ? _normalized[i] : 0.0;

    public int SetParamNormalized(uint id, double value)
    {
        int index = Definition.IndexOf(id);
        if (index < 0 || !double.IsFinite(value)) return TResult.InvalidArgument;
        var parameter = Definition.Parameters[index];
        if (parameter.Role == ParameterRole.Status) return TResult.Ok; // read-only: the controller shows it, nobody sets it
        double previous = _normalized[index];
        _normalized[index] = Math.Clamp(value, 0.0, 1.0);
        foreach (var view in _views) view.ParameterChanged();
        float plain = parameter.Spec.ToPlain(_normalized[index]);
        // The component records the value now: a state saved before the next process call must already hold it.
        Component?.RecordFromController(index, plain);
        if (parameter.Role == ParameterRole.Program && previous != _normalized[index]) SelectProgram((int)plain);
        return TResult.Ok;
    }

    /// <summary>A factory program chosen through the controller: every parameter follows, and the host is told to re-read them.</summary>
    private void SelectProgram(int number)
    {
        if ((uint)number >= (uint)Definition.Programs.Count) return;
        float[] values = Definition.Programs[number].Values;
        for (int i = 0; i < values.Length; i++)
        {
            var parameter = Definition.Parameters[i];
            if (parameter.Role is not (ParameterRole.Engine or ParameterRole.Model)) continue;
            _normalized[i] = parameter.Spec.ToNormalized(values[i]);
            Component?.RecordFromController(i, values[i]);
        }
        RequestRestart(Vst.RestartParamValuesChanged);
    }

    // ---- the editor ------------------------------------------------------------------------------

    /// <summary>IEditController::createView: our own editor for "editor", nothing for other view names.</summary>
    public IntPtr CreateView(string? name)
    {
        if (name != "editor") return IntPtr.Zero;
        var view = new Editor.PlugView(this);
        return view.Slot(Editor.PlugView.ViewSlot); // the host owns the one reference
    }

    public void AddView(Editor.PlugView view)
    {
        if (!_views.Contains(view)) _views.Add(view);
    }

    public void RemoveView(Editor.PlugView view) => _views.Remove(view);

    /// <summary>An edit from our editor: the controller's value changes now, the host hears it as a gesture (automation records it).</summary>
    public void BeginEdit(uint id)
    {
        IntPtr handler = Volatile.Read(ref _handler);
        if (handler != IntPtr.Zero) ComponentHandler.BeginEdit(handler, id);
    }

    public void PerformEdit(uint id, double normalized)
    {
        SetParamNormalized(id, normalized);
        IntPtr handler = Volatile.Read(ref _handler);
        if (handler != IntPtr.Zero) ComponentHandler.PerformEdit(handler, id, GetParamNormalized(id));
    }

    public void EndEdit(uint id)
    {
        IntPtr handler = Volatile.Read(ref _handler);
        if (handler != IntPtr.Zero) ComponentHandler.EndEdit(handler, id);
    }

    public int SetComponentHandler(IntPtr handler)
    {
        Unknown.AddRef(handler);
        Unknown.Release(Interlocked.Exchange(ref _handler, handler));
        return TResult.Ok;
    }

    // ---- IMidiMapping (instrument) ----------------------------------------------------------------

    public int GetMidiControllerAssignment(int busIndex, short channel, short controller, uint* id) =>
        MidiMapping.Assign(Definition, busIndex, channel, controller, id);

    // ---- IUnitInfo: one root unit with the factory presets as its program list -------------------

    public int ProgramListCount => Definition.Programs.Count > 0 ? 1 : 0;

    public int GetUnitInfo(int unitIndex, UnitInfo* info)
    {
        if (info == null || unitIndex != 0) return TResult.InvalidArgument;
        *info = default;
        info->Id = Vst.RootUnitId;
        info->ParentUnitId = Vst.NoParentUnitId;
        info->ProgramListId = ProgramListCount > 0 ? Vst.FactoryProgramListId : Vst.NoProgramListId;
        Strings.WriteUtf16(info->Name, Strings.String128, "Root");
        return TResult.Ok;
    }

    public int GetProgramListInfo(int index, ProgramListInfo* info)
    {
        if (info == null || index != 0 || ProgramListCount == 0) return TResult.InvalidArgument;
        *info = default;
        info->Id = Vst.FactoryProgramListId;
        info->ProgramCount = Definition.Programs.Count;
        Strings.WriteUtf16(info->Name, Strings.String128, "Factory Presets");
        return TResult.Ok;
    }

    public int GetProgramName(int list, int program, char* name)
    {
        if (name == null || list != Vst.FactoryProgramListId || (uint)program >= (uint)Definition.Programs.Count) return TResult.InvalidArgument;
        Strings.WriteUtf16(name, Strings.String128, Definition.Programs[program].Name);
        return TResult.Ok;
    }

    // ---- IConnectionPoint -------------------------------------------------------------------------

    public int Connect(IntPtr other)
    {
        if (other == IntPtr.Zero) return TResult.InvalidArgument;
        if (ComObject.HasVtable(other, ComponentVtables.Connection))
        {
            var component = ComObject.FromSlot<Component>(other);
            Component = component;
            component.Link.Attach(this);
            return TResult.Ok;
        }
        Unknown.AddRef(other);
        Unknown.Release(Interlocked.Exchange(ref _proxyPeer, other));
        return TResult.Ok;
    }

    public int Disconnect(IntPtr other)
    {
        Component?.Link.Disconnect();
        Component = null;
        Unknown.Release(Interlocked.Exchange(ref _proxyPeer, IntPtr.Zero));
        return TResult.Ok;
    }

    /// <summary>Resolves the component's link message (sent when the host connects us through proxies).</summary>
    public int Notify(IntPtr message)
    {
        if (message == IntPtr.Zero) return TResult.InvalidArgument;
        if (Message.Id(message) != ComponentLink.LinkMessageId) return TResult.False;
        IntPtr attributes = Message.Attributes(message);
        if (attributes == IntPtr.Zero) return TResult.False;
        byte* name = Strings.AllocUtf8(ComponentLink.InstanceAttribute);
        try
        {
            if (!Message.GetInt(attributes, name, out long instance) || ComponentLink.Find(instance) is not { } component)
                return TResult.False;
            Component = component;
            component.Link.Attach(this);
            return TResult.Ok;
        }
        finally
        {
            System.Runtime.InteropServices.NativeMemory.Free(name);
        }
    }
}
