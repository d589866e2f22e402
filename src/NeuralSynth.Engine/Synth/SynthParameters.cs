using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Synth;

internal enum VoiceMode { Poly = 0, Mono = 1, Legato = 2 }

/// <summary>Where CC11 (expression) goes: a post gain, or the dynamics a timbre decoder follows.</summary>
public enum ExpressionTarget { Gain = 0, Dynamics = 1 }

/// <summary>
/// Stable ids and keys of the synth's parameters. Ids are what hosts store in automation and state:
/// never renumber, only append.
/// </summary>
public static class SynthParameters
{
    public const int MasterGain = 1;
    public const int Polyphony = 2;
    public const int Mode = 3;
    public const int Glide = 4;
    public const int BendRange = 5;
    public const int Attack = 10;
    public const int Decay = 11;
    public const int Sustain = 12;
    public const int Release = 13;
    public const int VelocitySensitivity = 14;
    public const int HarmonicCount = 20;
    public const int SpectralTilt = 21;
    public const int OddEven = 22;
    public const int Brightness = 23;
    public const int HarmonicLevel = 24;
    public const int NoiseLevel = 25;
    public const int NoiseColor = 26;
    public const int VibratoRate = 30;
    public const int VibratoDepth = 31;
    public const int VibratoDelay = 32;
    public const int ModWheelVibrato = 33;
    public const int Tuning = 34;

    // Expression (MIDI-DDSP): how notes and controllers become the loudness curve a timbre decoder follows.
    // Loudness parameters act only while a decoder drives the voices; attack velocity and scoop act always.
    public const int ExpressionLoudness = 40;
    public const int ExpressionRange = 41;
    public const int VelocityDynamics = 42;
    public const int ModWheelDynamics = 43;
    public const int PressureDynamics = 44;
    public const int ExpressionTarget = 45;
    public const int AttackVelocity = 46;
    public const int Scoop = 47;
    public const int ScoopTime = 48;

    public static ParameterRegistry CreateRegistry() => new(new[]
    {
        new ParameterSpec(MasterGain, "master.gain", "Master Gain", "dB", -60f, 12f, -6f),
        new ParameterSpec(Polyphony, "voice.polyphony", "Polyphony", "voices", 1f, 64f, 32f, ParameterScale.Stepped),
        new ParameterSpec(Mode, "voice.mode", "Voice Mode", "", 0f, 2f, 0f, ParameterScale.Stepped,
            valueNames: new[] { "Poly", "Mono", "Legato" }),
        new ParameterSpec(Glide, "voice.glide", "Glide Time", "ms", 0f, 2000f, 0f),
        new ParameterSpec(BendRange, "voice.bend_range", "Pitch Bend Range", "st", 0f, 24f, 2f, ParameterScale.Stepped),
        new ParameterSpec(Attack, "env.attack", "Attack", "ms", 0.5f, 10000f, 8f, ParameterScale.Logarithmic),
        new ParameterSpec(Decay, "env.decay", "Decay", "ms", 1f, 20000f, 300f, ParameterScale.Logarithmic),
        new ParameterSpec(Sustain, "env.sustain", "Sustain", "%", 0f, 100f, 70f),
        new ParameterSpec(Release, "env.release", "Release", "ms", 1f, 20000f, 250f, ParameterScale.Logarithmic),
        new ParameterSpec(VelocitySensitivity, "env.velocity", "Velocity Sensitivity", "%", 0f, 100f, 70f),
        new ParameterSpec(HarmonicCount, "timbre.harmonics", "Harmonics", "", 1f, 100f, 64f, ParameterScale.Stepped),
        new ParameterSpec(SpectralTilt, "timbre.tilt", "Spectral Tilt", "dB/oct", -24f, 6f, -6f),
        new ParameterSpec(OddEven, "timbre.odd_even", "Odd/Even Balance", "", -1f, 1f, 0f),
        new ParameterSpec(Brightness, "timbre.brightness", "Brightness", "Hz", 100f, 20000f, 6000f, ParameterScale.Logarithmic),
        new ParameterSpec(HarmonicLevel, "timbre.harmonic_level", "Harmonic Level", "dB", -60f, 0f, 0f),
        new ParameterSpec(NoiseLevel, "timbre.noise_level", "Noise Level", "dB", -80f, 0f, -36f),
        new ParameterSpec(NoiseColor, "timbre.noise_color", "Noise Color", "dB/oct", -12f, 6f, -3f),
        new ParameterSpec(VibratoRate, "vibrato.rate", "Vibrato Rate", "Hz", 0.1f, 12f, 5.5f, ParameterScale.Logarithmic),
        new ParameterSpec(VibratoDepth, "vibrato.depth", "Vibrato Depth", "cents", 0f, 100f, 0f),
        new ParameterSpec(VibratoDelay, "vibrato.delay", "Vibrato Delay", "ms", 0f, 2000f, 250f),
        new ParameterSpec(ModWheelVibrato, "vibrato.mod_wheel", "Mod Wheel Vibrato", "cents", 0f, 100f, 40f),
        new ParameterSpec(Tuning, "master.tuning", "A4 Tuning", "Hz", 415f, 466f, 440f),
        new ParameterSpec(ExpressionLoudness, "expr.loudness", "Loudness (ff)", "dB", -60f, 0f, -16f),
        new ParameterSpec(ExpressionRange, "expr.range", "Dynamic Range", "dB", 0f, 60f, 30f),
        new ParameterSpec(VelocityDynamics, "expr.velocity", "Velocity to Dynamics", "%", 0f, 100f, 70f),
        new ParameterSpec(ModWheelDynamics, "expr.mod_wheel", "Mod Wheel (CC1) to Dynamics", "%", 0f, 100f, 0f),
        new ParameterSpec(PressureDynamics, "expr.pressure", "Aftertouch Swell", "%", 0f, 100f, 30f),
        new ParameterSpec(ExpressionTarget, "expr.cc11", "Expression (CC11) Target", "", 0f, 1f, 0f, ParameterScale.Stepped,
            valueNames: new[] { "Gain", "Dynamics" }),
        new ParameterSpec(AttackVelocity, "expr.attack_velocity", "Velocity to Attack Time", "%", 0f, 100f, 0f),
        new ParameterSpec(Scoop, "expr.scoop", "Onset Scoop", "cents", 0f, 100f, 0f),
        new ParameterSpec(ScoopTime, "expr.scoop_time", "Scoop Time", "ms", 1f, 500f, 40f, ParameterScale.Logarithmic),
    });
}
