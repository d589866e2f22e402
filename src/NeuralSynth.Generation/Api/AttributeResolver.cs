using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Api;

/// <summary>
/// Turns user intent (key, mode, tempo, emotion, density, primer) into the attribute prefix the model was
/// trained with. Emotion works as in EmoGen: it maps to attribute values at the centre of that quadrant in the
/// training data (mode for valence; tempo, density, register and rhythm for arousal), and the emotion token
/// itself is also given to the model. The tonal-centre attribute always asks for the top bucket (tonic in the
/// bass), so a requested key is the music's centre, not only its pitch set.
/// </summary>
internal static class AttributeResolver
{
    private sealed record EmotionDefaults(Mode Mode, double Tempo);

    private static EmotionDefaults DefaultsFor(Emotion e) => e switch
    {
        Emotion.Happy => new(Mode.Major, 108),
        Emotion.Tense => new(Mode.Minor, 108),
        Emotion.Sad => new(Mode.Minor, 70),
        _ => new(Mode.Major, 76),
    };

    /// <summary>Onsets per bar at the edges of each density bucket (the last is open-ended).</summary>
    private static readonly double[] DensityLow = [0, 4, 8, 12, 16, 22];
    private static readonly double[] DensityHigh = [4, 8, 12, 16, 22, 30];

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
        var meter = primer?.Meter ?? Meter.FourFour;
        int density = request.Density ?? (emotion is { } em ? DensityForArousal(IsHighArousal(em), tempo, meter) : primerAttrs?.Density ?? 3);
        int range = primerAttrs?.Range ?? 4;
        double perSecond = DensityCentres[density] / BarSeconds(meter, tempo);
        var resolvedEmotion = emotion ?? MusicAttributes.EmotionOf(mode, perSecond);
        return (Compose(new Key(tonic, mode), meter, tempo, density, range, resolvedEmotion), tempo);
    }

    /// <summary>The full prefix from the controls the live instrument has (key, tempo, density, emotion).</summary>
    public static MusicAttributes Compose(Key key, Meter meter, double tempo, int density, int range, Emotion emotion)
    {
        bool high = IsHighArousal(emotion);
        return new MusicAttributes(key, meter, MusicAttributes.TempoClassOf(tempo), density, range, emotion,
            Tonic: MusicAttributes.TonicBuckets - 1, Register: high ? 3 : 2, Rhythm: high ? 2 : 1);
    }

    public static bool IsHighArousal(Emotion e) => e is Emotion.Happy or Emotion.Tense;

    /// <summary>
    /// The density bucket that puts a piece at this tempo clearly on the requested side of the arousal boundary
    /// (<see cref="MusicAttributes.ArousalNotesPerSecond"/>): for high arousal the sparsest bucket whose every
    /// piece is at least 10 % above it, for low arousal the busiest whose every piece is 10 % below it (at very
    /// fast or slow tempos, the extreme bucket).
    /// </summary>
    public static int DensityForArousal(bool high, double tempo, Meter meter)
    {
        double bar = BarSeconds(meter, tempo), boundary = MusicAttributes.ArousalNotesPerSecond;
        if (high)
        {
            for (int d = 0; d < DensityLow.Length - 1; d++)
                if (DensityLow[d] / bar >= 1.1 * boundary) return Math.Min(d, MusicAttributes.DensityBuckets - 2);
            return MusicAttributes.DensityBuckets - 2;
        }
        for (int d = DensityHigh.Length - 2; d > 0; d--)
            if (DensityHigh[d] / bar <= 0.9 * boundary) return d;
        return 0;
    }

    private static double BarSeconds(Meter meter, double tempo) => meter.StepsPerBar() / 4.0 * 60.0 / tempo;
}
