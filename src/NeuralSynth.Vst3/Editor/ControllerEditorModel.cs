using NeuralSynth.Product.Models;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Editor;

/// <summary>
/// The editor's view of a plug-in instance: parameter values and edits through the controller (so the host's
/// IComponentHandler sees every gesture), model status and meters from the component when the host runs both
/// in this process (it always does for this module; a split host gets a working editor without meters).
/// The environment is a parameter so tests can point the user model folder and $HOME at temporary folders.
/// </summary>
internal sealed class ControllerEditorModel(Controller controller, Func<string, string?>? environment = null) : IEditorModel
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;

    private readonly PluginDefinition _definition = controller.Definition;

    public PluginKind Kind => _definition.Kind;

    public IReadOnlyList<uint> EngineParameters { get; } = controller.Definition.Parameters
        .Where(p => p.Role == ParameterRole.Engine).Select(p => p.Id).ToArray();

    public bool Has(uint id) => _definition.IndexOf(id) >= 0;

    public string Title(uint id) => Parameter(id) is { } p ? controller.Title(p) : $"#{id}";

    public double Normalized(uint id) => controller.GetParamNormalized(id);

    public double DefaultNormalized(uint id) =>
        _definition.IndexOf(id) is int i and >= 0 ? _definition.Parameters[i].Spec.ToNormalized(_definition.DefaultPlain[i]) : 0;

    public string Display(uint id, double normalized) => Parameter(id) is { } p ? controller.ValueText(p, normalized) : "";

    public int StepCount(uint id) => Parameter(id)?.Spec.StepCount ?? 0;

    public IReadOnlyList<string>? Choices(uint id) =>
        Parameter(id) is { Spec.ValueNames: { } names } p ? names.Select((_, value) => controller.ValueText(p, p.Spec.ToNormalized(value))).ToArray() : null;

    public void BeginEdit(uint id) => controller.BeginEdit(id);
    public void PerformEdit(uint id, double normalized) => controller.PerformEdit(id, normalized);
    public void EndEdit(uint id) => controller.EndEdit(id);

    public EditorStatus Status()
    {
        var component = controller.Component;
        if (component is null) return new EditorStatus(null, _definition.PresetProblem, 0, [], false);
        ModelEntry? loaded = null;
        foreach (var parameter in _definition.Parameters)
            if (parameter.Role == ParameterRole.Model && component.SlotFor(parameter.Id) is { } slot)
                loaded = component.EntryOf(parameter, slot.LoadedIndex);
        double latencyMs = component.SampleRate > 0 ? component.Engine.LatencySamples * 1000.0 / component.SampleRate : 0;
        var knobNames = component.Models?.KnobNames ?? [];
        return new EditorStatus(loaded?.DisplayName, component.StatusText ?? _definition.PresetProblem, latencyMs, knobNames,
            loaded?.Kind == EffectModelKind.Rave);
    }

    public string? UserModelFolder => ModelRoots.UserFolder(_environment);

    public string? HomeFolder => _environment(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME");

    public int UseEffectModel(ModelEntry entry)
    {
        if (_definition.ModelParameterIndex < 0) return -1;
        string wanted = Path.TrimEndingDirectorySeparator(Path.GetFullPath(entry.FullPath));
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var effects = _definition.Library.Effects;
        for (int i = 0; i < effects.Count; i++)
            if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(effects[i].FullPath)), wanted, comparison)) return i + 1;
        if (controller.Component?.Models is not { } slot) return -1;
        slot.UseDiskModel(entry);
        return slot.DiskModelIndex;
    }

    public bool ReadNotes(List<Generation.Instrument.NoteLogEntry> into, out long position, out double sampleRate)
    {
        position = 0;
        sampleRate = 0;
        if (controller.Component is not { Engine: InstrumentEngine instrument } component) return false;
        while (instrument.Instrument.NoteLog.TryRead(out var entry)) into.Add(entry);
        position = instrument.Instrument.SamplesProcessed;
        sampleRate = component.SampleRate;
        return true;
    }

    public bool TryReadLevels(out float inputPeak, out float outputPeak)
    {
        inputPeak = outputPeak = 0f;
        if (controller.Component is not { } component) return false;
        bool any = false;
        while (component.Levels.TryRead(out var reading))
        {
            inputPeak = Math.Max(inputPeak, reading.InputPeak);
            outputPeak = Math.Max(outputPeak, reading.OutputPeak);
            any = true;
        }
        return any;
    }

    private PluginParameter? Parameter(uint id) => _definition.IndexOf(id) is int i and >= 0 ? _definition.Parameters[i] : null;
}
