using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Models;
using NeuralSynth.Vst3.Editor;
using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Tests.Editor;

/// <summary>
/// Editors over a fixed model library and fixed status, so the drawing does not depend on which models a
/// machine has: the golden images compare layout and drawing, nothing else.
/// </summary>
internal static class EditorFixtures
{
    private static readonly ModelRoot Bundled = new("/bundle/models", IsUser: false);
    private static readonly ModelRoot User = new("/home/user/NeuralSynth/models", IsUser: true);

    public static readonly ModelLibrary Library = ModelLibrary.Of(
        new ModelEntry(EffectModelKind.Nam, "A2", Bundled, "nam/A2.nam", "/bundle/models/nam/A2.nam"),
        new ModelEntry(EffectModelKind.SequenceJson, "Fuzz", Bundled, "fx/fuzz.json", "/bundle/models/fx/fuzz.json"),
        new ModelEntry(EffectModelKind.Rave, "Vintage", Bundled, "rave/vintage", "/bundle/models/rave/vintage"),
        new ModelEntry(EffectModelKind.DdspTransfer, "Violin", Bundled, "ddsp/violin", "/bundle/models/ddsp/violin"),
        new ModelEntry(EffectModelKind.Nam, "My Amp", User, "my-amp.nam", "/home/user/NeuralSynth/models/my-amp.nam"));

    public static Controller Controller(PluginKind kind) => new(new PluginDefinition(kind, resourcesRoot: null, Library));

    public static EditorStatus NamStatus => new("NAM: A2", null, 0.0, ["drive", "tone", "level"], false);
    public static EditorStatus RaveStatus => new("RAVE: Vintage", null, 46.4, ["latent 1", "latent 2", "latent 3", "latent 4", "noise", "temperature", "freeze", "generate"], true);
    public static EditorStatus ProblemStatus => new(null, "Effect Model: my-amp.nam: not a NAM file (unexpected end of JSON)", 0.0, [], false);
    public static EditorStatus InstrumentStatus => new(null, null, 0.0, [], false);
}

/// <summary>The controller's parameters with a fixed status and fixed meter levels.</summary>
internal sealed class FixedEditorModel(Controller controller, EditorStatus status, float inputPeak = 0.25f, float outputPeak = 0.6f) : IEditorModel
{
    private readonly ControllerEditorModel _inner = new(controller);

    public PluginKind Kind => _inner.Kind;
    public IReadOnlyList<uint> EngineParameters => _inner.EngineParameters;
    public bool Has(uint id) => _inner.Has(id);

    public string Title(uint id)
    {
        int knob = (int)id - EffectParameters.Knob1;
        if (Kind == PluginKind.Effect && knob >= 0 && knob < EffectParameters.KnobCount)
            return knob < status.KnobNames.Count ? char.ToUpperInvariant(status.KnobNames[knob][0]) + status.KnobNames[knob][1..] : $"Knob {knob + 1} (unused)";
        return _inner.Title(id);
    }

    public double Normalized(uint id) => _inner.Normalized(id);
    public double DefaultNormalized(uint id) => _inner.DefaultNormalized(id);
    public string Display(uint id, double normalized) => _inner.Display(id, normalized);
    public int StepCount(uint id) => _inner.StepCount(id);
    public IReadOnlyList<string>? Choices(uint id) => _inner.Choices(id);
    public void BeginEdit(uint id) => _inner.BeginEdit(id);
    public void PerformEdit(uint id, double normalized) => _inner.PerformEdit(id, normalized);
    public void EndEdit(uint id) => _inner.EndEdit(id);
    public EditorStatus Status() => status;

    /// <summary>A fixed phrase: two played notes, three generated ones, one still sounding.</summary>
    public bool ReadNotes(List<NeuralSynth.Generation.Instrument.NoteLogEntry> into, out long position, out double sampleRate)
    {
        sampleRate = 48000;
        position = 48000 * 6;
        if (_notesGiven || Kind != PluginKind.Instrument) return Kind == PluginKind.Instrument;
        _notesGiven = true;
        (int Pitch, double Start, double End, bool Generated)[] phrase = [(60, 0.5, 1.5, false), (64, 1.0, 2.0, false), (67, 2.5, 3.5, true), (72, 3.5, 4.0, true), (71, 4.5, -1, true)];
        foreach (var n in phrase)
        {
            into.Add(new((long)(n.Start * 48000), (byte)n.Pitch, true, n.Generated));
            if (n.End > 0) into.Add(new((long)(n.End * 48000), (byte)n.Pitch, false, n.Generated));
        }
        into.Sort((a, b) => a.Sample.CompareTo(b.Sample));
        return true;
    }

    private bool _notesGiven;
    public string? UserModelFolder => "/home/user/.local/share/NeuralSynth/models";
    public string? HomeFolder { get; init; } = "/home/user";
    public int UseEffectModel(ModelEntry entry) => _inner.UseEffectModel(entry);

    public bool TryReadLevels(out float input, out float output)
    {
        input = inputPeak;
        output = outputPeak;
        return true;
    }
}
