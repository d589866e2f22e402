using NeuralSynth.Engine.Parameters;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

internal enum ParameterRole
{
    /// <summary>An engine parameter: changes become EngineEvent.Parameter at their sample.</summary>
    Engine,
    /// <summary>The instrument's bypass (the effect's bypass is its engine parameter fx.bypass).</summary>
    Bypass,
    /// <summary>The effect's model choice: loading happens off the audio thread.</summary>
    Model,
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

    /// <summary>Saved in the state chunk (everything except live MIDI controllers and the model, saved by reference).</summary>
    public bool IsPersistent => Role is ParameterRole.Engine or ParameterRole.Bypass;

    public int Flags
    {
        get
        {
            int flags = Vst.ParamCanAutomate;
            if (Spec.ValueNames != null) flags |= Vst.ParamIsList;
            if (Role == ParameterRole.MidiController) flags |= Vst.ParamIsHidden;
            if (IsBypass) flags |= Vst.ParamIsBypass;
            return flags;
        }
    }
}
