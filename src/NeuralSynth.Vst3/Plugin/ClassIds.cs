using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Class ids are stable forever (hosts store them in projects). They are kept as the SDK's four words so
/// the byte layout can follow the platform (<see cref="Tuid.FromWords(uint, uint, uint, uint)"/>) and
/// moduleinfo.json can print them in the SDK's order.
/// </summary>
internal static class ClassIds
{
    public static readonly uint[] InstrumentProcessorWords = [0x6E8A3F21, 0x4C7B4D19, 0x9B2E5A70, 0x3D1C8E42];
    public static readonly uint[] InstrumentControllerWords = [0x1F4D9C63, 0x8A2B4E07, 0xA5C31D9E, 0x72B06F14];
    public static readonly uint[] EffectProcessorWords = [0x3B7E2D58, 0xC9144A6F, 0x8E5D0B23, 0x94A7F6C1];
    public static readonly uint[] EffectControllerWords = [0x58C2A0E7, 0x1D6F4B3A, 0xB4E98C25, 0x0F7A3D96];

    public static readonly uint[] AudioToMidiProcessorWords = [0x9D41C7B2, 0x2E8F4A61, 0xA0736B5C, 0x4E19D8F3];
    public static readonly uint[] AudioToMidiControllerWords = [0x47B3E90A, 0x6C154D28, 0x8F2A19E4, 0xD35C7B06];

    public static Tuid Processor(PluginKind kind) => ToTuid(kind switch
    {
        PluginKind.Instrument => InstrumentProcessorWords,
        PluginKind.Effect => EffectProcessorWords,
        _ => AudioToMidiProcessorWords,
    });

    public static Tuid Controller(PluginKind kind) => ToTuid(kind switch
    {
        PluginKind.Instrument => InstrumentControllerWords,
        PluginKind.Effect => EffectControllerWords,
        _ => AudioToMidiControllerWords,
    });

    /// <summary>The 32 hex digits moduleinfo.json uses for a class id (the four words in order).</summary>
    public static string ModuleInfoString(uint[] words) => string.Concat(words.Select(w => w.ToString("X8")));

    private static Tuid ToTuid(uint[] w) => Tuid.FromWords(w[0], w[1], w[2], w[3]);
}
