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
        var baseline = new PluginState((float[])Definition.DefaultPlain.Clone(), "");
        if (!StateStream.TryRead(stream, Definition, baseline, out var state, out string? problem))
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
        Strings.WriteUtf16(info->Title, Strings.String128, spec.Name);
        Strings.WriteUtf16(info->ShortTitle, Strings.String128, spec.Name.Length <= 12 ? spec.Name : spec.Key);
        Strings.WriteUtf16(info->Units, Strings.String128, spec.Unit);
        info->StepCount = spec.StepCount;
        info->DefaultNormalizedValue = spec.ToNormalized(Definition.DefaultPlain[index]);
        info->UnitId = Vst.RootUnitId;
        info->Flags = parameter.Flags;
        return TResult.Ok;
    }

    public int GetParamStringByValue(uint id, double normalized, char* text)
    {
        int index = Definition.IndexOf(id);
        if (index < 0 || text == null) return TResult.InvalidArgument;
        var spec = Definition.Parameters[index].Spec;
        Strings.WriteUtf16(text, Strings.String128, spec.Format(spec.ToPlain(normalized)));
        return TResult.Ok;
    }

    public int GetParamValueByString(uint id, char* text, double* normalized)
    {
        int index = Definition.IndexOf(id);
        if (index < 0 || text == null || normalized == null) return TResult.InvalidArgument;
        var spec = Definition.Parameters[index].Spec;
        if (!spec.TryParse(Strings.ReadUtf16(text, Strings.String128), out float plain)) return TResult.False;
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
        _normalized[index] = Math.Clamp(value, 0.0, 1.0);
        return TResult.Ok;
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

    // ---- IUnitInfo: one root unit, no program lists -----------------------------------------------

    public static int GetUnitInfo(int unitIndex, UnitInfo* info)
    {
        if (info == null || unitIndex != 0) return TResult.InvalidArgument;
        *info = default;
        info->Id = Vst.RootUnitId;
        info->ParentUnitId = Vst.NoParentUnitId;
        info->ProgramListId = Vst.NoProgramListId;
        Strings.WriteUtf16(info->Name, Strings.String128, "Root");
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
