namespace NeuralSynth.Vst3.Plugin;

/// <summary>One exported class as the factory describes it.</summary>
internal sealed record ClassEntry(uint[] Words, PluginKind Kind, bool IsController, string Name, string Category, string SubCategories);

/// <summary>The factory's class list and vendor information: the single source moduleinfo.json is checked against.</summary>
internal static class ClassCatalog
{
    public const string Vendor = "NeuralSynth";
    public const string Url = "https://neuralsynth.invalid";
    public const string Email = "plugins@neuralsynth.invalid";
    public const string SdkVersion = "VST 3.7.9";
    public const string AudioModuleCategory = "Audio Module Class";
    public const string ControllerCategory = "Component Controller Class";

    public static string Version { get; } =
        typeof(ClassCatalog).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.1.0";

    public static readonly ClassEntry[] Classes =
    [
        new(ClassIds.InstrumentProcessorWords, PluginKind.Instrument, false, "NeuralSynth", AudioModuleCategory, "Instrument|Synth"),
        new(ClassIds.InstrumentControllerWords, PluginKind.Instrument, true, "NeuralSynth Controller", ControllerCategory, ""),
        new(ClassIds.EffectProcessorWords, PluginKind.Effect, false, "NeuralSynth FX", AudioModuleCategory, "Fx"),
        new(ClassIds.EffectControllerWords, PluginKind.Effect, true, "NeuralSynth FX Controller", ControllerCategory, ""),
        new(ClassIds.AudioToMidiProcessorWords, PluginKind.AudioToMidi, false, "NeuralSynth Audio to MIDI", AudioModuleCategory, "Fx|Analyzer"),
        new(ClassIds.AudioToMidiControllerWords, PluginKind.AudioToMidi, true, "NeuralSynth Audio to MIDI Controller", ControllerCategory, ""),
    ];
}
