using System.Collections.Frozen;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Parameters;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Everything about one plug-in class that does not change per instance: the parameter list in host order,
/// the starting values (the default preset for the instrument), and the models shipped in the bundle.
/// Shared by the component and the controller so both always agree.
/// </summary>
internal sealed class PluginDefinition
{
    private static readonly Lazy<PluginDefinition> InstrumentDefinition = new(() => new PluginDefinition(PluginKind.Instrument, BundleResources.Root));
    private static readonly Lazy<PluginDefinition> EffectDefinition = new(() => new PluginDefinition(PluginKind.Effect, BundleResources.Root));
    private readonly FrozenDictionary<uint, int> _indexById;
    private readonly FrozenDictionary<string, int> _indexByKey;

    public static PluginDefinition For(PluginKind kind) => kind == PluginKind.Instrument ? InstrumentDefinition.Value : EffectDefinition.Value;

    public PluginDefinition(PluginKind kind, string? resourcesRoot)
    {
        Kind = kind;
        ModelsRoot = resourcesRoot is null ? null : Path.Combine(resourcesRoot, "models");
        EngineRegistry = kind == PluginKind.Instrument ? SynthParameters.CreateRegistry() : EffectParameters.CreateRegistry();
        Models = kind == PluginKind.Effect ? FindNamModels(ModelsRoot) : [];

        var parameters = new List<PluginParameter>();
        foreach (var spec in EngineRegistry.All)
            parameters.Add(new PluginParameter(spec, ParameterRole.Engine, isBypass: spec.Id == EffectParameters.Bypass && kind == PluginKind.Effect));
        if (kind == PluginKind.Instrument)
        {
            // The live generator's parameters (ids 60..66) follow the synth's: the instrument engine routes them.
            foreach (var spec in GeneratorParameters.CreateRegistry().All)
                parameters.Add(new PluginParameter(spec, ParameterRole.Engine));
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.InstrumentBypass, "plugin.bypass", "Bypass", "", 0f, 1f, 0f, ParameterScale.Toggle),
                ParameterRole.Bypass, isBypass: true));
            for (int channel = 0; channel < ParameterIds.MidiChannels; channel++)
                foreach (int controller in ParameterIds.MappedControllers) parameters.Add(MidiParameter(channel, controller));
        }
        else if (Models.Count > 0)
        {
            var names = new List<string> { "None" };
            names.AddRange(Models.Select(m => Path.GetFileNameWithoutExtension(m)));
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.Model, "fx.model", "Model", "", 0f, Models.Count, 0f, ParameterScale.Stepped, valueNames: names),
                ParameterRole.Model));
        }
        Parameters = parameters;
        _indexById = parameters.Select((p, i) => (p.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i);
        _indexByKey = parameters.Select((p, i) => (p.Spec.Key, i)).ToFrozenDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        DefaultPlain = parameters.Select(p => p.Spec.Default).ToArray();
        if (kind == PluginKind.Instrument && resourcesRoot != null) ApplyDefaultPreset(resourcesRoot);
    }

    public PluginKind Kind { get; }
    public ParameterRegistry EngineRegistry { get; }
    public IReadOnlyList<PluginParameter> Parameters { get; }
    public int Count => Parameters.Count;

    /// <summary>Starting plain value of each parameter, in <see cref="Parameters"/> order.</summary>
    public float[] DefaultPlain { get; }

    /// <summary>Model files relative to <see cref="ModelsRoot"/> (forward slashes), in Model-parameter order after "None".</summary>
    public IReadOnlyList<string> Models { get; }
    public string? ModelsRoot { get; }

    /// <summary>Why the default preset was not applied, when it was not.</summary>
    public string? PresetProblem { get; private set; }

    public int IndexOf(uint id) => _indexById.TryGetValue(id, out int index) ? index : -1;
    public int IndexOf(string key) => _indexByKey.TryGetValue(key, out int index) ? index : -1;

    public int ModelParameterIndex => IndexOf(ParameterIds.Model);

    /// <summary>The Model parameter's value for a model reference, or -1 when the bundle has no such model.</summary>
    public int ModelIndex(string reference)
    {
        if (reference.Length == 0) return 0;
        for (int i = 0; i < Models.Count; i++) if (Models[i] == reference) return i + 1;
        return -1;
    }

    public string ModelReference(int index) => index >= 1 && index <= Models.Count ? Models[index - 1] : "";

    public string? ModelPath(int index) =>
        index >= 1 && index <= Models.Count && ModelsRoot != null ? Path.Combine(ModelsRoot, Models[index - 1]) : null;

    private static PluginParameter MidiParameter(int channel, int controller)
    {
        string name = controller switch
        {
            Vst.CtrlPitchBend => "Pitch Bend",
            Vst.CtrlAfterTouch => "Channel Pressure",
            1 => "Mod Wheel",
            7 => "Volume",
            11 => "Expression",
            64 => "Sustain Pedal",
            123 => "All Notes Off",
            _ => $"CC {controller}",
        };
        float defaultValue = controller switch { Vst.CtrlPitchBend => 0.5f, 7 or 11 => 1f, _ => 0f };
        var spec = new ParameterSpec(ParameterIds.Midi(channel, controller), $"midi.{channel + 1}.{controller}",
            $"MIDI Ch{channel + 1} {name}", "", 0f, 1f, defaultValue, smoothingMs: 0f);
        return new PluginParameter(spec, ParameterRole.MidiController, midiController: controller, midiChannel: channel);
    }

    private static List<string> FindNamModels(string? modelsRoot)
    {
        string? folder = modelsRoot is null ? null : Path.Combine(modelsRoot, "nam");
        if (folder is null || !Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder, "*.nam")
            .Select(f => "nam/" + Path.GetFileName(f))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private void ApplyDefaultPreset(string resourcesRoot)
    {
        string path = Path.Combine(resourcesRoot, "presets", "default.json");
        try
        {
            var preset = PresetLoader.Load(path, EngineRegistry, Path.Combine(resourcesRoot, "models"));
            foreach (var (key, value) in preset.Parameters)
                if (IndexOf(key) is int index and >= 0) DefaultPlain[index] = Parameters[index].Spec.Clamp(value);
        }
        catch (Exception e) when (e is Engine.InvalidInputException or IOException or UnauthorizedAccessException)
        {
            PresetProblem = e.Message;
        }
    }
}
