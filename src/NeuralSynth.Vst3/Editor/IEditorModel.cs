using NeuralSynth.Vst3.Plugin;

namespace NeuralSynth.Vst3.Editor;

/// <summary>
/// What the editor shows and edits, in parameter terms. The plug-in implements it over its controller
/// (<see cref="ControllerEditorModel"/>); tests render the same drawing code over it offscreen.
/// All calls happen on the host's UI thread.
/// </summary>
internal interface IEditorModel
{
    PluginKind Kind { get; }
    /// <summary>The engine's own parameters in host order (generic layouts list them all).</summary>
    IReadOnlyList<uint> EngineParameters { get; }
    bool Has(uint id);
    string Title(uint id);
    double Normalized(uint id);
    double DefaultNormalized(uint id);
    /// <summary>The value as text, with its unit ("-6.0 dB", "Minor").</summary>
    string Display(uint id, double normalized);
    /// <summary>0 for continuous parameters, else the number of steps (choices - 1).</summary>
    int StepCount(uint id);
    /// <summary>The names of a list parameter's values, or null.</summary>
    IReadOnlyList<string>? Choices(uint id);

    /// <summary>An edit gesture, as the host's automation expects it: begin, any number of performs, end.</summary>
    void BeginEdit(uint id);
    void PerformEdit(uint id, double normalized);
    void EndEdit(uint id);

    EditorStatus Status();
    /// <summary>Where the user drops their own models (.nam, .json, .onnx, RAVE folders), shown so they can find it; null if unknown.</summary>
    string? UserModelFolder { get; }
    /// <summary>Where the model browser starts ($HOME); null if unknown.</summary>
    string? HomeFolder { get; }
    /// <summary>
    /// The Effect Model value that plays <paramref name="entry"/> (a model in the user's folder): its place in the list
    /// when the list has it, else this instance's "model from disk" value, which is pointed at it here (the list is
    /// built when the plug-in loads, so a model added since is not in it). -1 when the editor has no processor to load
    /// it into.
    /// </summary>
    int UseEffectModel(Product.Models.ModelEntry entry);
    /// <summary>Drains the audio thread's level readings; false when none arrived since the last call.</summary>
    bool TryReadLevels(out float inputPeak, out float outputPeak);
    /// <summary>Drains the instrument's played and generated notes into <paramref name="into"/>; false when there is no note source.</summary>
    bool ReadNotes(List<Generation.Instrument.NoteLogEntry> into, out long position, out double sampleRate);
}

/// <summary>The loaded model and what the user should know about it, in words.</summary>
/// <param name="ModelName">The loaded model's display name, or null when none is loaded.</param>
/// <param name="Problem">A load error or session problem (the Status parameter's text), or null when all is well.</param>
/// <param name="LatencyMs">The plug-in's latency in milliseconds (model resampling, RAVE's buffer).</param>
/// <param name="KnobNames">The loaded model's own knob names (effect), in knob order.</param>
/// <param name="RaveMode">The loaded effect model is RAVE: the editor shows an XY pad on latent 1 and 2.</param>
internal readonly record struct EditorStatus(string? ModelName, string? Problem, double LatencyMs, IReadOnlyList<string> KnobNames, bool RaveMode);
