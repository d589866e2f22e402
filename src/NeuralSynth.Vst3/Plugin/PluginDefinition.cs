using System.Collections.Frozen;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Engine.Parameters;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Product.Instrument;
using NeuralSynth.Product.Effects;
using NeuralSynth.Product.Models;
using NeuralSynth.Product.Transcription;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Everything about one plug-in class that does not change per instance: the parameter list in host order,
/// the starting values (the default preset for the instrument), the factory programs, and the model library
/// (bundled and user models, scanned once per process). Shared by the component and the controller so both
/// always agree.
/// </summary>
internal sealed class PluginDefinition
{
    private static readonly Lazy<ModelLibrary> SharedLibrary = new(() => ModelLibrary.Discover(BundleResources.Models));
    private static readonly Lazy<PluginDefinition> InstrumentDefinition = new(() => new PluginDefinition(PluginKind.Instrument, BundleResources.Root, SharedLibrary.Value));
    private static readonly Lazy<PluginDefinition> EffectDefinition = new(() => new PluginDefinition(PluginKind.Effect, BundleResources.Root, SharedLibrary.Value));
    private static readonly Lazy<PluginDefinition> AudioToMidiDefinition = new(() => new PluginDefinition(PluginKind.AudioToMidi, BundleResources.Root, SharedLibrary.Value));
    private readonly FrozenDictionary<uint, int> _indexById;
    private readonly FrozenDictionary<string, int> _indexByKey;
    private readonly Func<IReadOnlyList<ModelRoot>> _userRoots;

    public static PluginDefinition For(PluginKind kind) => kind switch
    {
        PluginKind.Instrument => InstrumentDefinition.Value,
        PluginKind.Effect => EffectDefinition.Value,
        _ => AudioToMidiDefinition.Value,
    };

    /// <summary>The Effect Model value name of the model from disk while an instance has none.</summary>
    public const string DiskModelName = "Model from disk";

    /// <param name="userRoots">Where a saved model that the library does not list is looked for on restore (the user's
    /// model folders as they are now; tests give temporary ones).</param>
    public PluginDefinition(PluginKind kind, string? resourcesRoot, ModelLibrary? library = null, Func<IReadOnlyList<ModelRoot>>? userRoots = null)
    {
        Kind = kind;
        _userRoots = userRoots ?? (() => ModelRoots.Discover(null));
        ModelsRoot = resourcesRoot is null ? null : Path.Combine(resourcesRoot, "models");
        Library = library ?? ModelLibrary.Discover(ModelsRoot);
        EngineRegistry = kind switch
        {
            PluginKind.Instrument => SynthParameters.CreateRegistry(),
            PluginKind.Effect => EffectParameters.CreateRegistry(),
            _ => AudioToMidiParameters.CreateRegistry(),
        };

        var parameters = new List<PluginParameter>();
        foreach (var spec in EngineRegistry.All)
        {
            bool bypass = (kind == PluginKind.Effect && spec.Id == EffectParameters.Bypass) || (kind == PluginKind.AudioToMidi && spec.Id == AudioToMidiParameters.Bypass);
            parameters.Add(new PluginParameter(spec, ParameterRole.Engine, isBypass: bypass));
        }
        if (kind == PluginKind.Instrument)
        {
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.SoundSource, "plugin.sound_source", "Sound Source", "", 0f, Library.Decoders.Count, 0f,
                    ParameterScale.Stepped, valueNames: SoundSourceSlot.NamesFor(Library)),
                ParameterRole.Model));
            // The live generator's parameters (ids 60..66) follow the synth's: the instrument engine routes them.
            foreach (var spec in GeneratorParameters.CreateRegistry().All)
                parameters.Add(new PluginParameter(spec, ParameterRole.Engine));
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.InstrumentBypass, "plugin.bypass", "Bypass", "", 0f, 1f, 0f, ParameterScale.Toggle),
                ParameterRole.Bypass, isBypass: true));
            for (int channel = 0; channel < ParameterIds.MidiChannels; channel++)
                foreach (int controller in ParameterIds.MappedControllers) parameters.Add(MidiParameter(channel, controller));
        }
        else if (kind == PluginKind.Effect)
        {
            // "None", the library's models, then this instance's model from disk (EffectSlot.DiskModelIndex): the list
            // keeps its length while the host runs, and a model the user adds in the editor still plays at once.
            var names = new List<string> { "None" };
            names.AddRange(Library.Effects.Select(m => m.DisplayName));
            names.Add(DiskModelName);
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.Model, "fx.model", "Effect Model", "", 0f, names.Count - 1, 0f, ParameterScale.Stepped, valueNames: names),
                ParameterRole.Model));
        }
        parameters.Add(new PluginParameter(
            new ParameterSpec(ParameterIds.Status, "plugin.status", "Status", "", 0f, 1f, 0f, ParameterScale.Toggle),
            ParameterRole.Status));

        var programs = kind == PluginKind.Instrument && resourcesRoot != null ? LoadProgramSources(resourcesRoot) : [];
        if (programs.Count > 0)
            parameters.Add(new PluginParameter(
                new ParameterSpec(ParameterIds.Program, "plugin.program", "Program", "", 0f, programs.Count - 1, 0f, ParameterScale.Stepped,
                    valueNames: programs.Select(p => p.Preset.Name).ToArray()),
                ParameterRole.Program));

        Parameters = parameters;
        _indexById = parameters.Select((p, i) => (p.Id, i)).ToFrozenDictionary(x => x.Id, x => x.i);
        _indexByKey = parameters.Select((p, i) => (p.Spec.Key, i)).ToFrozenDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        DefaultPlain = parameters.Select(p => p.Spec.Default).ToArray();
        Programs = programs.Select((p, i) => ToProgram(p.Preset, p.Path, i)).ToArray();
        if (Programs.Count > 0)
        {
            // The first program is the default preset: a new instance starts as it.
            Programs[0].Values.CopyTo(DefaultPlain, 0);
        }
        else if (kind == PluginKind.Instrument && resourcesRoot != null)
        {
            PresetProblem ??= "no factory presets found";
        }
    }

    public PluginKind Kind { get; }
    public ParameterRegistry EngineRegistry { get; }
    public IReadOnlyList<PluginParameter> Parameters { get; }
    public int Count => Parameters.Count;

    /// <summary>Bundled and user models the model parameters list.</summary>
    public ModelLibrary Library { get; }
    public string? ModelsRoot { get; }

    /// <summary>Starting plain value of each parameter, in <see cref="Parameters"/> order.</summary>
    public float[] DefaultPlain { get; }

    /// <summary>The factory presets, in Program-parameter order (the default preset first).</summary>
    public IReadOnlyList<FactoryProgram> Programs { get; }

    /// <summary>Why a factory preset was not applied, when one was not.</summary>
    public string? PresetProblem { get; private set; }

    public int IndexOf(uint id) => _indexById.TryGetValue(id, out int index) ? index : -1;
    public int IndexOf(string key) => _indexByKey.TryGetValue(key, out int index) ? index : -1;

    public int ModelParameterIndex => IndexOf(ParameterIds.Model);
    public int SoundSourceParameterIndex => IndexOf(ParameterIds.SoundSource);
    public int StatusParameterIndex => IndexOf(ParameterIds.Status);
    public int ProgramParameterIndex => IndexOf(ParameterIds.Program);

    /// <summary>The models a model parameter chooses between (its value i ≥ 1 is entry i - 1).</summary>
    public IReadOnlyList<ModelEntry> ChoicesOf(PluginParameter parameter) =>
        parameter.Id == ParameterIds.SoundSource ? Library.Decoders : parameter.Id == ParameterIds.Model ? Library.Effects : [];

    /// <summary>The model a model parameter's value plays; <paramref name="diskModel"/> is the instance's model from disk.</summary>
    public ModelEntry? EntryOf(PluginParameter parameter, int value, ModelEntry? diskModel)
    {
        var choices = ChoicesOf(parameter);
        if (value >= 1 && value <= choices.Count) return choices[value - 1];
        return parameter.Id == ParameterIds.Model && value == DiskModelValue ? diskModel : null;
    }

    /// <summary>The Effect Model value that plays an instance's model from disk (one past the library's models).</summary>
    public int DiskModelValue => EffectSlot.DiskModelIndexFor(Library);

    /// <summary>
    /// A saved effect model that the library does not list, found in the user's model folders as they are now (it was
    /// added from disk after this process scanned them), or null. Only a scan's entries count: the reference never
    /// names a file outside a model folder.
    /// </summary>
    public ModelEntry? FindAddedEffectModel(string reference) =>
        reference.Length == 0 ? null : ModelLibrary.Scan(_userRoots().Where(r => r.IsUser).ToArray()).Find(reference);

    /// <summary>The value of a model parameter for a saved reference, or -1 when no model folder has it.</summary>
    public int ValueOf(PluginParameter parameter, string reference)
    {
        if (reference.Length == 0) return 0;
        var choices = ChoicesOf(parameter);
        for (int i = 0; i < choices.Count; i++) if (choices[i].Reference == reference) return i + 1;
        return -1;
    }

    /// <summary>The Effect Model value for a saved reference, or -1 (no such model, or not the effect).</summary>
    public int ModelIndex(string reference) => ModelParameterIndex is int index and >= 0 ? ValueOf(Parameters[index], reference) : -1;

    private FactoryProgram ToProgram(Preset preset, string path, int number)
    {
        var values = (float[])DefaultPlain.Clone();
        values[ProgramParameterIndex] = number;
        foreach (var (key, value) in preset.Parameters)
            if (IndexOf(key) is int index and >= 0) values[index] = Parameters[index].Spec.Clamp(value);
        if (SoundSourceParameterIndex is int source and >= 0 && preset.Models.TryGetValue("decoder", out var decoder))
        {
            string folder = Path.GetDirectoryName(Path.GetFullPath(decoder))!;
            int found = Library.Decoders.ToList().FindIndex(d => Path.GetFullPath(d.FullPath) == folder);
            if (found >= 0) values[source] = found + 1;
            else PresetProblem ??= $"{path}: its decoder is not in the model library";
        }
        return new FactoryProgram(preset.Name, path, values);
    }

    private List<(Preset Preset, string Path)> LoadProgramSources(string resourcesRoot)
    {
        string folder = Path.Combine(resourcesRoot, "presets");
        var programs = new List<(Preset, string)>();
        if (!Directory.Exists(folder)) return programs;
        var files = Directory.GetFiles(folder, "*.json")
            .OrderBy(f => Path.GetFileNameWithoutExtension(f) == "default" ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                programs.Add((PresetLoader.Load(file, EngineRegistry, Path.Combine(resourcesRoot, "models")), file));
            }
            catch (Exception e) when (e is Engine.InvalidInputException or IOException or UnauthorizedAccessException)
            {
                PresetProblem ??= e.Message;
            }
        }
        return programs;
    }

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
}

/// <summary>A factory preset as a program: plain values for every parameter in definition order.</summary>
internal sealed record FactoryProgram(string Name, string Path, float[] Values);
