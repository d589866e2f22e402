using NeuralSynth.Engine.Core;
using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Converts a MIDI-controller parameter's normalized value back to the MIDI value the host started from
/// (hosts send value/127 and bend/16383), so a controller reaching the engine through a host is bit-identical
/// to the same controller read from a MIDI file.
/// </summary>
internal static class MidiValues
{
    public static EngineEvent ToEvent(int controller, int channel, int offset, double normalized)
    {
        double n = double.IsFinite(normalized) ? Math.Clamp(normalized, 0.0, 1.0) : 0.0;
        switch (controller)
        {
            case Vst.CtrlPitchBend:
                int bend = (int)Math.Round(n * 16383.0);
                return EngineEvent.PitchBend(offset, (bend - 8192) / 8192f, channel);
            case Vst.CtrlAfterTouch:
                return EngineEvent.ChannelPressure(offset, (int)Math.Round(n * 127.0) / 127f, channel);
            default:
                return EngineEvent.ControlChange(offset, controller, (int)Math.Round(n * 127.0) / 127f, channel);
        }
    }
}
