using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Live;

/// <summary>
/// User parameters of the live generator. Immutable: the UI swaps in a new instance and the generator thread
/// picks it up between tokens (temperature) or at the next bar it has not generated yet (the rest, which need
/// a new attribute prefix and therefore a re-primed context).
/// </summary>
/// <param name="Density">Note-density bucket 0..5.</param>
/// <param name="ContinueWhatIPlay">Use the notes the user just played as the primer of the next bars.</param>
/// <param name="LookaheadBars">How many whole bars beyond the one playing are kept generated (at least 1).</param>
public sealed record LiveSettings(
    bool Enabled = true,
    float Temperature = 0.9f,
    int Density = 3,
    Key? Key = null,
    Emotion Emotion = Emotion.Calm,
    bool ContinueWhatIPlay = false,
    bool KeyMask = true,
    int LookaheadBars = 1,
    float TopP = 0.95f)
{
    public Key ResolvedKey => Key ?? new Key(0, Mode.Major);

    /// <summary>True when going from <paramref name="other"/> to this needs a new attribute prefix.</summary>
    public bool NeedsReprime(LiveSettings other) =>
        Density != other.Density || ResolvedKey != other.ResolvedKey || Emotion != other.Emotion || KeyMask != other.KeyMask;
}
