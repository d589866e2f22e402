using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>IMidiMapping's answer, shared by the controller and the component: controller → hidden parameter id.</summary>
internal static unsafe class MidiMapping
{
    public static int Assign(PluginDefinition definition, int busIndex, short channel, short controller, uint* id)
    {
        if (id == null) return TResult.InvalidArgument;
        if (busIndex != 0 || channel < 0 || channel > 15) return TResult.False;
        int index = definition.IndexOf((uint)ParameterIds.Midi(channel, controller));
        if (index < 0 || definition.Parameters[index].Role != ParameterRole.MidiController) return TResult.False;
        *id = definition.Parameters[index].Id;
        return TResult.Ok;
    }
}
