namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Ids of the parameters the plug-in adds to the engine's (engine ids are below 1000). Stable forever:
/// hosts store automation by id.
/// </summary>
internal static class ParameterIds
{
    public const int InstrumentBypass = 1000;

    /// <summary>The effect's "Effect Model" (None + every model of the library).</summary>
    public const int Model = 1001;

    /// <summary>The instrument's "Sound Source" (Additive + every DDSP decoder).</summary>
    public const int SoundSource = 1002;

    /// <summary>Read-only: what went wrong with a model or a restored session, as readable text ("OK" when nothing).</summary>
    public const int Status = 1003;

    /// <summary>The instrument's factory preset (VST3 program change parameter).</summary>
    public const int Program = 1004;

    /// <summary>MIDI controller parameters: 2000 + 256 × channel + controller (128 aftertouch, 129 pitch bend).</summary>
    public const int MidiBase = 2000;

    public const int MidiChannels = 16;

    public static int Midi(int channel, int controller) => MidiBase + (channel << 8) + controller;

    /// <summary>The controllers the synth reacts to, offered through IMidiMapping.</summary>
    public static readonly int[] MappedControllers = [1, 7, 11, 64, 123, Abi.Vst.CtrlAfterTouch, Abi.Vst.CtrlPitchBend];
}
