using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Api;

/// <summary>
/// What `neuralsynth generate` asks for. Unset fields are filled from the emotion, then from the primer, then
/// from defaults (see <see cref="AttributeResolver"/>).
/// </summary>
/// <param name="Bars">Bars to generate (after the primer, if any).</param>
/// <param name="Key">Tonic name such as "D", "F#", "Bb"; null = from primer or emotion default.</param>
/// <param name="Mode">"major" or "minor"; null = from emotion, primer or major.</param>
/// <param name="Tempo">Beats per minute; null = emotion default (snapped to the tokenizer's tempo buckets).</param>
/// <param name="Emotion">"happy", "calm", "sad" or "tense"; null = derived from mode, tempo and density.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="Seed">Same seed + same request = same notes.</param>
/// <param name="PrimerMidiPath">MIDI file to continue (read, quantized to 1/16, kept at the start of the piece).</param>
/// <param name="Density">Note-density bucket 0..5 (onsets per bar: &lt;4, &lt;8, &lt;12, &lt;16, &lt;22, ≥22); null = emotion default.</param>
/// <param name="KeyMask">Forbid out-of-key pitches in generated bars; null = only when <see cref="Key"/> is given
/// (a key guessed from a primer or an emotion default is a suggestion to the model, not a hard rule).</param>
/// <param name="ThemeMidiPath">Optional theme to recur every <see cref="ThemeEveryBars"/> bars.</param>
/// <param name="DensityGuidance">Sampling nudge toward the density bin (GenerationSession.DensityStrength); 0 = the model alone.</param>
/// <param name="TonicBias">Sampling bonus for a tonic bass on strong beats (GenerationSession.TonicBassBias); 0 = the model alone.</param>
/// <param name="MotifGuidance">Pull toward re-stating the primer's opening melodic shape (GenerationSession.MotifStrength); 0 = the primer is only a prompt.</param>
public sealed record GenerationRequest(
    int Bars = 16,
    string? Key = null,
    string? Mode = null,
    double? Tempo = null,
    string? Emotion = null,
    float Temperature = 0.9f,
    ulong Seed = 1,
    string? PrimerMidiPath = null,
    int? Density = null,
    bool? KeyMask = null,
    float TopP = 0.95f,
    int TopK = 0,
    string? ThemeMidiPath = null,
    int ThemeEveryBars = 4,
    string? ModelPath = null,
    float DensityGuidance = GenerationRequest.DefaultDensityGuidance,
    float TonicBias = GenerationRequest.DefaultTonicBias,
    float MotifGuidance = GenerationRequest.DefaultMotifGuidance)
{
    public const float DefaultDensityGuidance = 2f;
    public const float DefaultTonicBias = 3f;
    public const float DefaultMotifGuidance = 5f;
    public const int DefaultMotifEveryBars = 2;

    public bool EffectiveKeyMask => KeyMask ?? Key is not null;

    public static Emotion ParseEmotion(string text) => text.Trim().ToLowerInvariant() switch
    {
        "happy" or "q1" => Music.Emotion.Happy,
        "tense" or "angry" or "q2" => Music.Emotion.Tense,
        "sad" or "q3" => Music.Emotion.Sad,
        "calm" or "relaxed" or "q4" => Music.Emotion.Calm,
        _ => throw new Engine.InvalidInputException($"unknown emotion '{text}' (happy, calm, sad, tense)"),
    };

    public static Mode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "major" or "maj" or "ionian" => Music.Mode.Major,
        "minor" or "min" or "aeolian" => Music.Mode.Minor,
        _ => throw new Engine.InvalidInputException($"unknown mode '{text}' (major, minor)"),
    };

    public void Validate()
    {
        if (Bars is < 1 or > 1024) throw new Engine.InvalidInputException("bars must be 1..1024");
        if (Tempo is { } t && (t < 20 || t > 400)) throw new Engine.InvalidInputException("tempo must be 20..400 bpm");
        if (Temperature < 0 || Temperature > 5) throw new Engine.InvalidInputException("temperature must be 0..5");
        if (TopP <= 0 || TopP > 1) throw new Engine.InvalidInputException("top-p must be in (0, 1]");
        if (Density is { } d && (d < 0 || d >= MusicAttributes.DensityBuckets)) throw new Engine.InvalidInputException("density must be 0..5");
        if (DensityGuidance is < 0 or > 10 || TonicBias is < 0 or > 10 || MotifGuidance is < 0 or > 10) throw new Engine.InvalidInputException("guidance strengths must be 0..10");
        if (ThemeEveryBars < 1) throw new Engine.InvalidInputException("theme interval must be at least one bar");
        if (Key is not null) PitchClass.Parse(Key);
        if (Mode is not null) ParseMode(Mode);
        if (Emotion is not null) ParseEmotion(Emotion);
    }
}
