using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// Token-type state machine that mirrors <see cref="RemiTokenizer"/>'s output order, used to mask logits so a
/// sampled stream is always valid REMI: after Bar → Position | Bar; after Position → Tempo | Chord | Pitch;
/// Pitch → Velocity → Duration; after Duration → a higher Pitch at the same position | a later Position | Bar.
/// Positions must stay inside the bar (meter) and increase; the key/pitch-range mask applies to Pitch tokens.
/// Eos is never sampled: the caller decides how many bars to generate.
/// </summary>
internal sealed class RemiGrammar
{
    private enum State
    {
        ExpectBar,
        AfterBar,
        AfterPosition,
        AfterTempo,
        AfterChord,
        AfterPitch,
        AfterVelocity,
        AfterDuration,
    }

    private State _state = State.ExpectBar;
    private int _position = -1;
    private int _lastPitch = -1;

    public RemiGrammar(Meter meter, GrammarConstraints constraints)
    {
        Meter = meter;
        Constraints = constraints;
    }

    public Meter Meter { get; set; }

    public GrammarConstraints Constraints { get; set; }

    /// <summary>Grid step (within the bar) of the current Position; -1 before the bar's first one.</summary>
    public int Position => _position;

    /// <summary>True when the next Pitch would be the lowest note at this position (pitches ascend), i.e. the bass.</summary>
    public bool NextPitchIsBass => _lastPitch < 0 && _state is State.AfterPosition or State.AfterTempo or State.AfterChord;

    /// <summary>Back to "a Bar must come next" (after the attribute prefix or a context rebuild).</summary>
    public void ResetToBarBoundary()
    {
        _state = State.ExpectBar;
        _position = -1;
        _lastPitch = -1;
    }

    /// <summary>Advances the state with a token that was sampled or forced (forced tokens are not checked).</summary>
    public void Accept(int token)
    {
        switch (RemiVocabulary.KindOf(token))
        {
            case TokenKind.Bar:
                _state = State.AfterBar;
                _position = -1;
                _lastPitch = -1;
                break;
            case TokenKind.Position:
                _state = State.AfterPosition;
                _position = RemiVocabulary.ValueOf(token);
                _lastPitch = -1;
                break;
            case TokenKind.Tempo:
                _state = State.AfterTempo;
                break;
            case TokenKind.Chord:
                _state = State.AfterChord;
                break;
            case TokenKind.Pitch:
                _state = State.AfterPitch;
                _lastPitch = RemiVocabulary.PitchOf(token);
                break;
            case TokenKind.Velocity:
                _state = State.AfterVelocity;
                break;
            case TokenKind.Duration:
                _state = State.AfterDuration;
                break;
            default:
                // Prefix tokens and Bos leave the stream waiting for its first Bar.
                ResetToBarBoundary();
                break;
        }
    }

    /// <summary>Sets forbidden entries of <paramref name="logits"/> to -inf in place.</summary>
    public void Mask(Span<float> logits)
    {
        int spb = Meter.StepsPerBar();
        for (int id = 0; id < logits.Length; id++)
        {
            if (!Allowed(id, spb)) logits[id] = float.NegativeInfinity;
        }
    }

    public bool Allowed(int id, int stepsPerBar)
    {
        var kind = RemiVocabulary.KindOf(id);
        return _state switch
        {
            State.ExpectBar => kind == TokenKind.Bar,
            State.AfterBar => kind == TokenKind.Bar || PositionOk(kind, id, stepsPerBar),
            State.AfterPosition => (kind == TokenKind.Tempo && Constraints.AllowTempoChanges)
                                   || (kind == TokenKind.Chord && Constraints.AllowChords)
                                   || PitchOk(kind, id),
            State.AfterTempo => (kind == TokenKind.Chord && Constraints.AllowChords) || PitchOk(kind, id)
                                || kind == TokenKind.Bar || PositionOk(kind, id, stepsPerBar),
            State.AfterChord => PitchOk(kind, id),
            State.AfterPitch => kind == TokenKind.Velocity,
            State.AfterVelocity => kind == TokenKind.Duration,
            State.AfterDuration => kind == TokenKind.Bar || PositionOk(kind, id, stepsPerBar) || PitchOk(kind, id),
            _ => false,
        };
    }

    private bool PositionOk(TokenKind kind, int id, int stepsPerBar)
    {
        if (kind != TokenKind.Position) return false;
        int p = RemiVocabulary.ValueOf(id);
        return p > _position && p < stepsPerBar;
    }

    private bool PitchOk(TokenKind kind, int id)
    {
        if (kind != TokenKind.Pitch) return false;
        int pitch = RemiVocabulary.PitchOf(id);
        if (pitch <= _lastPitch) return false; // ascending within a position, as the tokenizer writes them
        if (pitch < Constraints.LowestPitch || pitch > Constraints.HighestPitch) return false;
        return Constraints.Key is not { } key || key.Contains(pitch);
    }
}
