using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Effects;

/// <summary>Stable ids and keys of the effect chain's parameters (ids never renumbered, only appended).</summary>
public static class EffectParameters
{
    public const int InputGain = 100;
    public const int OutputGain = 101;
    public const int Mix = 102;
    public const int Bypass = 103;
    public const int Knob1 = 110;
    public const int KnobCount = 8;

    public static int Knob(int index) => Knob1 + index;

    public static ParameterRegistry CreateRegistry() => new(new[]
    {
        new ParameterSpec(InputGain, "fx.input_gain", "Input Gain", "dB", -24f, 24f, 0f),
        new ParameterSpec(OutputGain, "fx.output_gain", "Output Level", "dB", -40f, 12f, 0f),
        new ParameterSpec(Mix, "fx.mix", "Dry/Wet", "%", 0f, 100f, 100f),
        new ParameterSpec(Bypass, "fx.bypass", "Bypass", "", 0f, 1f, 0f, ParameterScale.Toggle),
        new ParameterSpec(Knob(0), "fx.knob1", "Knob 1", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(1), "fx.knob2", "Knob 2", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(2), "fx.knob3", "Knob 3", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(3), "fx.knob4", "Knob 4", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(4), "fx.knob5", "Knob 5", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(5), "fx.knob6", "Knob 6", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(6), "fx.knob7", "Knob 7", "", 0f, 1f, 0.5f),
        new ParameterSpec(Knob(7), "fx.knob8", "Knob 8", "", 0f, 1f, 0.5f),
    });
}
