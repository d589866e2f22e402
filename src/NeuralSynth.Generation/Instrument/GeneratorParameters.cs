using NeuralSynth.Engine.Parameters;
using NeuralSynth.Generation.Live;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Instrument;

/// <summary>
/// The live generator's user parameters, with stable ids after the synth's (never renumber, only append),
/// and their mapping onto an immutable <see cref="LiveSettings"/>.
/// </summary>
public static class GeneratorParameters
{
    public const int Enabled = 60;
    public const int Temperature = 61;
    public const int Density = 62;
    public const int KeyTonic = 63;
    public const int KeyMode = 64;
    public const int EmotionQuadrant = 65;
    public const int ContinueWhatIPlay = 66;

    private static readonly string[] Tonics = { "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B" };

    public static ParameterRegistry CreateRegistry() => new(new[]
    {
        new ParameterSpec(Enabled, "gen.enabled", "Generator", "", 0f, 1f, 0f, ParameterScale.Toggle),
        new ParameterSpec(Temperature, "gen.temperature", "Generator Temperature", "", 0.1f, 2f, 0.9f),
        new ParameterSpec(Density, "gen.density", "Generator Density", "", 0f, 5f, 3f, ParameterScale.Stepped),
        new ParameterSpec(KeyTonic, "gen.key", "Generator Key", "", 0f, 11f, 0f, ParameterScale.Stepped, valueNames: Tonics),
        new ParameterSpec(KeyMode, "gen.mode", "Generator Mode", "", 0f, 1f, 0f, ParameterScale.Stepped, valueNames: new[] { "Major", "Minor" }),
        new ParameterSpec(EmotionQuadrant, "gen.emotion", "Generator Emotion", "", 0f, 3f, 3f, ParameterScale.Stepped,
            valueNames: new[] { "Happy", "Tense", "Sad", "Calm" }),
        new ParameterSpec(ContinueWhatIPlay, "gen.continue", "Continue What I Play", "", 0f, 1f, 0f, ParameterScale.Toggle),
    });

    /// <summary>Builds the generator settings from plain parameter values (called off the audio thread).</summary>
    public static LiveSettings ToSettings(ParameterValues values) => new(
        Enabled: values.GetTarget(Enabled) >= 0.5f,
        Temperature: values.GetTarget(Temperature),
        Density: (int)values.GetTarget(Density),
        Key: new Key((int)values.GetTarget(KeyTonic), values.GetTarget(KeyMode) >= 0.5f ? Mode.Minor : Mode.Major),
        Emotion: (Emotion)(int)values.GetTarget(EmotionQuadrant),
        ContinueWhatIPlay: values.GetTarget(ContinueWhatIPlay) >= 0.5f);
}
