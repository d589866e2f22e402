using NeuralSynth.Engine.Parameters;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

internal enum ParameterRole
{
    /// <summary>An engine parameter: changes become EngineEvent.Parameter at their sample.</summary>
    Engine,
    /// <summary>The instrument's bypass (the effect's bypass is its engine parameter fx.bypass).</summary>
    Bypass,
    /// <summary>A model choice (the effect's Effect Model, the instrument's Sound Source): loading happens off the audio thread, the state saves the model by reference.</summary>
    Model,
    /// <summary>Read-only text for the user (model and session problems).</summary>
    Status,
    /// <summary>The instrument's program change parameter: applies a factory preset.</summary>
    Program,
    /// <summary>A MIDI controller mapped by IMidiMapping: changes become controller events, never saved.</summary>
    MidiController,
}

/// <summary>One parameter as the host sees it: a spec for ranges and text, plus its role and VST3 flags.</summary>
internal sealed class PluginParameter
{
    public PluginParameter(ParameterSpec spec, ParameterRole role, bool isBypass = false, int midiController = -1, int midiChannel = 0)
    {
        Spec = spec;
        Role = role;
        IsBypass = isBypass;
        MidiController = midiController;
        MidiChannel = midiChannel;
    }

    public ParameterSpec Spec { get; }
    public ParameterRole Role { get; }
    public bool IsBypass { get; }

    /// <summary>CC number, or <see cref="Vst.CtrlPitchBend"/> / <see cref="Vst.CtrlAfterTouch"/>.</summary>
    public int MidiController { get; }

    /// <summary>MIDI channel 0..15 of a controller parameter (IMidiMapping maps per channel).</summary>
    public int MidiChannel { get; }

    public uint Id => (uint)Spec.Id;

    /// <summary>Saved in the state chunk as a value (models are saved by reference; live MIDI controllers and the status never).</summary>
    public bool IsPersistent => Role is ParameterRole.Engine or ParameterRole.Bypass or ParameterRole.Program;

    public int Flags
    {
        get
        {
            if (Role == ParameterRole.Status) return Vst.ParamIsReadOnly;
            int flags = Vst.ParamCanAutomate;
            if (Spec.ValueNames != null) flags |= Vst.ParamIsList;
            if (Role == ParameterRole.Program) flags |= Vst.ParamIsProgramChange;
            if (Role == ParameterRole.MidiController) flags |= Vst.ParamIsHidden;
            if (IsBypass) flags |= Vst.ParamIsBypass;
            return flags;
        }
    }
}
