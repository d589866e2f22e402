namespace NeuralSynth.Generation.Tokens;

/// <summary>Token families of the REMI scheme, in vocabulary order.</summary>
internal enum TokenKind
{
    Pad,
    Bos,
    Eos,
    KeyAttr,
    MeterAttr,
    TempoAttr,
    DensityAttr,
    RangeAttr,
    EmotionAttr,
    Bar,
    Position,
    Tempo,
    Chord,
    Pitch,
    Velocity,
    Duration,
    // Appended for issue #20 (ids above stay put): tonal centre, register and rhythm attributes.
    TonicAttr,
    RegisterAttr,
    RhythmAttr,
}
