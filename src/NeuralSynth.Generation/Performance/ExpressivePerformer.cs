using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Performance;

/// <summary>
/// Plays the composed notes with dynamics. The training data has no velocities (every note of the piano-roll and
/// chorale sets sounds at one level), so the model's Velocity token carries no expression; this layer adds it
/// from the same attributes that condition the model, in the spirit of rule-based performance systems:
/// <list type="bullet">
/// <item>arousal sets the level: high-arousal emotions (happy, tense) play louder than low ones (calm, sad), and
/// a busier density bin adds a little more;</item>
/// <item>a phrase arc over each four-bar phrase: a crescendo to its middle and a diminuendo to its end;</item>
/// <item>metrical accents: the downbeat strongest, the half-bar next, other beats neutral, off-beats softer.</item>
/// </list>
/// The model's own velocity is kept as the centre, so a model trained on dynamics still leads. Deterministic:
/// the same note at the same place always gets the same velocity.
/// </summary>
internal sealed class ExpressivePerformer(MusicAttributes attributes)
{
    public const int PhraseBars = 4;

    /// <summary>The neutral velocity the chorale/piano-roll corpora were written with; offsets are relative to it.</summary>
    public const int CorpusVelocity = 88;

    private readonly int _level = LevelFor(attributes);
    private readonly int _stepsPerBar = attributes.Meter.StepsPerBar();

    /// <summary>Velocity offset for the attributes: ±12 for arousal, up to +6 for density.</summary>
    public static int LevelFor(MusicAttributes a)
    {
        bool high = a.Emotion is Emotion.Happy or Emotion.Tense;
        int level = high ? 8 : -14;
        return level + (a.Density - 2) * 2;
    }

    /// <param name="note">A note at its absolute step.</param>
    public int Velocity(ScoreNote note)
    {
        int bar = note.Start / _stepsPerBar;
        int inBar = note.Start % _stepsPerBar;
        double phrase = ((bar % PhraseBars) * _stepsPerBar + inBar) / (double)(PhraseBars * _stepsPerBar);
        int arc = (int)Math.Round(12 * Math.Sin(Math.PI * phrase)) - 5;
        int accent = inBar == 0 ? 10 : inBar * 2 == _stepsPerBar ? 5 : inBar % 4 == 0 ? 0 : -6;
        int centre = note.Velocity > 0 ? note.Velocity : CorpusVelocity;
        return Math.Clamp(centre + _level + arc + accent, 20, 127);
    }
}
