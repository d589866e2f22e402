using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation;

/// <summary>
/// Turns user intent (key, mode, tempo, emotion, density, primer) into the attribute prefix the model was
/// trained with. Emotion works as in EmoGen: it maps to attribute values (mode, tempo, density) at the centre of
/// that quadrant in the training data, and the emotion token itself is also given to the model.
/// </summary>
public static class AttributeResolver
{
    private sealed record EmotionDefaults(Mode Mode, double Tempo, int Density);

    private static EmotionDefaults DefaultsFor(Emotion e) => e switch
    {
        Emotion.Happy => new(Mode.Major, 108, 4),
        Emotion.Tense => new(Mode.Minor, 108, 4),
        Emotion.Sad => new(Mode.Minor, 70, 3),
        _ => new(Mode.Major, 76, 3),
    };

    /// <summary>Typical onsets per bar for each density bucket, used to place a request on the arousal axis.</summary>
    private static readonly double[] DensityCentres = [2, 6, 10, 14, 19, 26];

    /// <returns>The attributes and the tempo to write to the MIDI file (exactly as requested; the model's
    /// Tempo token uses the nearest bucket).</returns>
    public static (MusicAttributes Attributes, double Tempo) Resolve(GenerationRequest request, Score? primer)
    {
        Emotion? emotion = request.Emotion is null ? null : GenerationRequest.ParseEmotion(request.Emotion);
        var defaults = emotion is { } e ? DefaultsFor(e) : null;
        var primerAttrs = primer is { Notes.Count: > 0 } ? AttributeExtractor.Extract(ScoreCanonicalizer.Canonicalize(primer)) : null;

        Mode mode = request.Mode is not null ? GenerationRequest.ParseMode(request.Mode)
            : defaults?.Mode ?? primerAttrs?.Key.Mode ?? Mode.Major;
        int tonic = request.Key is not null ? PitchClass.Parse(request.Key)
            : primerAttrs?.Key.Tonic ?? (mode == Mode.Major ? 0 : 9);
        double tempo = request.Tempo ?? (primer is { Notes.Count: > 0 } ? primer.InitialTempo : defaults?.Tempo ?? 96);
        int density = request.Density ?? defaults?.Density ?? primerAttrs?.Density ?? 3;
        var meter = primer?.Meter ?? Meter.FourFour;
        int range = primerAttrs?.Range ?? 4;
        double perSecond = DensityCentres[density] / (meter.StepsPerBar() / 4.0 * 60.0 / tempo);
        var resolvedEmotion = emotion ?? MusicAttributes.EmotionOf(mode, perSecond);
        var attrs = new MusicAttributes(new Key(tonic, mode), meter, MusicAttributes.TempoClassOf(tempo), density, range, resolvedEmotion);
        return (attrs, tempo);
    }
}
