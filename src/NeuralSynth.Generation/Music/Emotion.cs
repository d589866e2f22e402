namespace NeuralSynth.Generation.Music;

/// <summary>
/// Russell's valence × arousal quadrants (as in EMOPIA/EmoGen). The generator never sees emotion labels from
/// people: the quadrant is derived from the music's own attributes (mode → valence, note rate → arousal).
/// </summary>
public enum Emotion
{
    /// <summary>Q1: positive valence, high arousal.</summary>
    Happy,
    /// <summary>Q2: negative valence, high arousal.</summary>
    Tense,
    /// <summary>Q3: negative valence, low arousal.</summary>
    Sad,
    /// <summary>Q4: positive valence, low arousal.</summary>
    Calm,
}
