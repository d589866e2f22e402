using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tokens;

/// <summary>
/// Incremental REMI reader shared by the offline decoder and the live sampler: feed tokens one at a time and it
/// reports each completed note (Pitch, Velocity, Duration after a Position) and tempo change with its grid step.
/// Tokens that do not fit the grammar are ignored rather than thrown on, so a partial stream still decodes.
/// </summary>
internal sealed class RemiEventParser
{
    private int _pendingPitch = -1;
    private int _pendingVelocity = -1;

    public RemiEventParser(Meter meter, int firstBar = -1)
    {
        Meter = meter;
        CurrentBar = firstBar;
    }

    public Meter Meter { get; set; }

    /// <summary>Index of the current bar; -1 before the first Bar token.</summary>
    public int CurrentBar { get; private set; }

    public int CurrentPosition { get; private set; }

    public bool Ended { get; private set; }

    public int CurrentStep => Math.Max(CurrentBar, 0) * Meter.StepsPerBar() + CurrentPosition;

    public enum Result
    {
        None,
        Note,
        Tempo,
        Bar,
    }

    public Result Feed(int token, out ScoreNote note, out TempoChange tempo)
    {
        note = default;
        tempo = default;
        switch (RemiVocabulary.KindOf(token))
        {
            case TokenKind.Bar:
                CurrentBar++;
                CurrentPosition = 0;
                ClearPending();
                return Result.Bar;
            case TokenKind.Position:
                CurrentPosition = RemiVocabulary.ValueOf(token);
                ClearPending();
                return Result.None;
            case TokenKind.Tempo:
                tempo = new TempoChange(CurrentStep, Quantization.TempoBuckets[RemiVocabulary.ValueOf(token)]);
                return Result.Tempo;
            case TokenKind.Pitch:
                _pendingPitch = RemiVocabulary.PitchOf(token);
                _pendingVelocity = -1;
                return Result.None;
            case TokenKind.Velocity:
                if (_pendingPitch >= 0) _pendingVelocity = Quantization.BinVelocity(RemiVocabulary.ValueOf(token));
                return Result.None;
            case TokenKind.Duration:
                if (_pendingPitch < 0 || _pendingVelocity < 0) return Result.None;
                note = new ScoreNote(CurrentStep, RemiVocabulary.DurationOf(token), _pendingPitch, _pendingVelocity);
                ClearPending();
                return Result.Note;
            case TokenKind.Eos:
                Ended = true;
                return Result.None;
            default:
                return Result.None;
        }
    }

    private void ClearPending()
    {
        _pendingPitch = -1;
        _pendingVelocity = -1;
    }
}
