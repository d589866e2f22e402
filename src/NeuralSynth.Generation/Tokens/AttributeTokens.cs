using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tokens;

/// <summary>The attribute prefix (after Bos, before the first Bar) in its fixed order, and its inverse.</summary>
internal static class AttributeTokens
{
    public const int PrefixLength = 10; // Bos + nine attributes

    public static int[] Encode(MusicAttributes a) =>
    [
        RemiVocabulary.Bos,
        RemiVocabulary.Id(TokenKind.KeyAttr, (a.Key.Mode == Mode.Minor ? 12 : 0) + a.Key.Tonic),
        RemiVocabulary.Id(TokenKind.MeterAttr, (int)a.Meter),
        RemiVocabulary.Id(TokenKind.TempoAttr, a.TempoClass),
        RemiVocabulary.Id(TokenKind.DensityAttr, a.Density),
        RemiVocabulary.Id(TokenKind.RangeAttr, a.Range),
        RemiVocabulary.Id(TokenKind.EmotionAttr, (int)a.Emotion),
        RemiVocabulary.Id(TokenKind.TonicAttr, a.Tonic),
        RemiVocabulary.Id(TokenKind.RegisterAttr, a.Register),
        RemiVocabulary.Id(TokenKind.RhythmAttr, a.Rhythm),
    ];

    /// <summary>Reads the attributes from the start of a sequence; null when the prefix is absent or incomplete.</summary>
    public static MusicAttributes? Decode(IReadOnlyList<int> tokens)
    {
        if (tokens.Count < PrefixLength || tokens[0] != RemiVocabulary.Bos) return null;
        int Value(int i, TokenKind kind) =>
            RemiVocabulary.KindOf(tokens[i]) == kind ? RemiVocabulary.ValueOf(tokens[i]) : -1;
        int key = Value(1, TokenKind.KeyAttr), meter = Value(2, TokenKind.MeterAttr), tempo = Value(3, TokenKind.TempoAttr);
        int density = Value(4, TokenKind.DensityAttr), range = Value(5, TokenKind.RangeAttr), emotion = Value(6, TokenKind.EmotionAttr);
        int tonic = Value(7, TokenKind.TonicAttr), register = Value(8, TokenKind.RegisterAttr), rhythm = Value(9, TokenKind.RhythmAttr);
        if (key < 0 || meter < 0 || tempo < 0 || density < 0 || range < 0 || emotion < 0 || tonic < 0 || register < 0 || rhythm < 0) return null;
        return new MusicAttributes(new Key(key % 12, key >= 12 ? Mode.Minor : Mode.Major), (Meter)meter, tempo, density, range,
            (Emotion)emotion, tonic, register, rhythm);
    }
}
