using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// "Continue what I play" develops the primer instead of only starting from it. A plain decoder given a primer as
/// a prompt drifts away from it within a bar or two (measured: its opening motif came back in 3 % of
/// continuations). So at the start of every <see cref="EveryBars"/>-th continued bar the sampler re-states the
/// primer's opening melodic shape: the first onset of the statement is the model's free choice (that choice is
/// the transposition), and for each following onset the pitch that continues the primer's contour from the top
/// note actually played gains <see cref="Strength"/> in the logits while pitches above it lose as much (pitches
/// ascend within an onset, so a note above it would take over the melody). Rhythm, harmony under the melody, and
/// where the model breaks away are left to the model; an out-of-key step stays forbidden by the key mask, so a
/// statement bends to the key as a sequence does. Unlike <see cref="ThemeOptions"/> nothing is forced.
/// </summary>
internal sealed class MotifGuidance
{
    /// <summary>Melody notes of the primer's opening that make the motif (its first intervals).</summary>
    public const int MotifNotes = 6;

    private readonly int[] _intervals;
    private int _step = -1;    // -1: no statement under way; 0: waiting for the free first onset; k: k intervals done
    private int _previousTop;
    private int _onsetTop = -1;
    private bool _targetPlayed;

    private MotifGuidance(int[] intervals, int everyBars, float strength)
    {
        _intervals = intervals;
        EveryBars = everyBars;
        Strength = strength;
    }

    /// <summary>Bars between the starts of two statements, counted from the first continued bar.</summary>
    public int EveryBars { get; }

    /// <summary>Logit bonus for the contour's next pitch (before temperature scaling).</summary>
    public float Strength { get; }

    /// <summary>The intervals (semitones) between the primer's first melody notes.</summary>
    public IReadOnlyList<int> Intervals => _intervals;

    /// <summary>The guidance for <paramref name="primer"/>'s melody (its top line), or null when it has fewer than three onsets.</summary>
    public static MotifGuidance? FromPrimer(Score primer, int everyBars, float strength)
    {
        var top = primer.Notes.GroupBy(n => n.Start).OrderBy(g => g.Key).Select(g => g.Max(n => n.Pitch)).Take(MotifNotes).ToList();
        if (top.Count < 3 || strength <= 0 || everyBars < 1) return null;
        return new MotifGuidance(Enumerable.Range(1, top.Count - 1).Select(i => top[i] - top[i - 1]).ToArray(), everyBars, strength);
    }

    /// <summary>A continued bar begins (<paramref name="barsContinued"/> = 0 for the first one).</summary>
    public void OnBarStart(int barsContinued)
    {
        CloseOnset();
        if (barsContinued % EveryBars == 0) _step = 0;
    }

    /// <summary>Every token the stream takes, sampled or forced: tracks the melody's top note per onset.</summary>
    public void OnToken(int token)
    {
        var kind = RemiVocabulary.KindOf(token);
        if (token == RemiVocabulary.Bar || kind == TokenKind.Position)
        {
            CloseOnset();
        }
        else if (kind == TokenKind.Pitch)
        {
            int pitch = RemiVocabulary.PitchOf(token);
            _onsetTop = Math.Max(_onsetTop, pitch);
            if (_step >= 1 && pitch == Target) _targetPlayed = true;
        }
    }

    /// <summary>Adds the contour's pull to the masked logits of the next token (a no-op outside a statement).</summary>
    public void Apply(Span<float> logits, float bonus)
    {
        if (_step < 1 || _step > _intervals.Length) return;
        int target = Target;
        int first = RemiVocabulary.Offset(TokenKind.Pitch), count = RemiVocabulary.Count(TokenKind.Pitch);
        for (int id = first; id < first + count; id++)
        {
            if (float.IsNegativeInfinity(logits[id])) continue;
            int pitch = RemiVocabulary.PitchOf(id);
            if (pitch > target) logits[id] -= _targetPlayed ? 2 * bonus : bonus;
            else if (pitch == target && !_targetPlayed) logits[id] += bonus;
        }
    }

    private int Target => _previousTop + _intervals[Math.Clamp(_step - 1, 0, _intervals.Length - 1)];

    private void CloseOnset()
    {
        if (_onsetTop < 0) return;
        if (_step >= 0)
        {
            _previousTop = _onsetTop;
            _step = _step + 1 > _intervals.Length ? -1 : _step + 1;
        }
        _onsetTop = -1;
        _targetPlayed = false;
    }
}
