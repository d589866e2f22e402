using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Model;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Performance;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// One running token stream: attribute prefix → (primer/theme) → sampled bars, with the grammar mask, key mask,
/// theme control and a sliding context. Notes come out on the 1/16 grid with absolute steps. Deterministic for
/// a given model, seed and sequence of calls. Not thread-safe: one owner thread (the offline generator or the
/// live generator's background thread).
/// </summary>
internal sealed class GenerationSession
{
    /// <summary>A bar longer than this is cut (forced Bar) so a degenerate model cannot stall the live feed.</summary>
    public const int MaxTokensPerBar = 256;

    private readonly ITokenModel _model;
    private readonly RemiTokenizer _tokenizer = new();
    private readonly TokenSampler _sampler;
    private readonly float[] _logits;
    private readonly float[] _masked;
    private readonly List<int> _body = [];
    private readonly List<ScoreNote> _notes = [];
    private readonly List<int> _scratch = [];
    private readonly DeterministicRandom _rng;
    private RemiGrammar _grammar;
    private RemiEventParser _parser;
    private int[] _prefix = [];
    private int _tokensInBar;
    private int _notesInBar;
    private int _barOffset;
    private List<int>? _themeBody;
    private ExpressivePerformer? _performer;
    private bool _sampling;
    private bool[]? _themePitch;
    private MotifGuidance? _motif;
    private int _motifOrigin = -1;

    public GenerationSession(ITokenModel model, ulong seed)
    {
        _model = model;
        _sampler = new TokenSampler(model.VocabSize);
        _logits = new float[model.VocabSize];
        _masked = new float[model.VocabSize];
        _rng = new DeterministicRandom(seed);
        _grammar = new RemiGrammar(Meter.FourFour, new GrammarConstraints());
        _parser = new RemiEventParser(Meter.FourFour);
    }

    public SamplingOptions Sampling { get; set; } = SamplingOptions.Default;

    public MusicAttributes Attributes { get; private set; } = null!;

    public double TempoBpm { get; private set; }

    public ThemeOptions? Theme { get; private set; }

    /// <summary>
    /// Tonal centre: logit bonus for the key's tonic as the bass note of a bar's downbeat and half-bar (half as much
    /// on its other beats), applied
    /// when a key is requested (<see cref="GrammarConstraints.Key"/>). The key mask alone lets a minor piece
    /// settle in its relative major (same pitch set); a tonic bass on the strong beats makes the requested tonic
    /// the centre. Scaled by the temperature like the theme bias. 0 turns it off.
    /// </summary>
    public float TonicBassBias { get; set; } = GenerationRequest.DefaultTonicBias;

    /// <summary>Logit shift per note that a bar is ahead of or behind its density bin's pace
    /// (<see cref="DensityGuidance"/>). 0 leaves density to the model's Density token alone.</summary>
    public float DensityStrength { get; set; } = GenerationRequest.DefaultDensityGuidance;

    /// <summary>Logit pull toward re-stating the primer's opening melodic shape every
    /// <see cref="GenerationRequest.DefaultMotifEveryBars"/> continued bars (<see cref="MotifGuidance"/>). 0 leaves the
    /// primer to the model as a prompt only.</summary>
    public float MotifStrength { get; set; } = GenerationRequest.DefaultMotifGuidance;

    /// <summary>Give sampled notes dynamics (<see cref="ExpressivePerformer"/>); primer and theme notes keep the user's.</summary>
    public bool Perform { get; set; } = true;

    public GrammarConstraints Constraints
    {
        get => _grammar.Constraints;
        set => _grammar.Constraints = value;
    }

    /// <summary>Notes produced so far (primer and theme statements included), absolute 1/16 steps.</summary>
    public IReadOnlyList<ScoreNote> Notes => _notes;

    /// <summary>All body tokens so far (everything after the attribute prefix).</summary>
    public IReadOnlyList<int> BodyTokens => _body;

    public IReadOnlyList<int> PrefixTokens => _prefix;

    /// <summary>Index of the bar being written (absolute, counting from the first bar of the piece).</summary>
    public int CurrentBar => _barOffset + _parser.CurrentBar;

    public int TokensGenerated { get; private set; }

    /// <summary>Live use: keep only about two contexts of body tokens so an endless session stays bounded.</summary>
    public bool BoundedHistory { get; set; }

    /// <summary>Drops the first <paramref name="count"/> notes (the live feed has already sent them).</summary>
    public void DiscardNotes(int count) => _notes.RemoveRange(0, Math.Min(count, _notes.Count));

    /// <summary>
    /// Begins a piece: feeds the attribute prefix, then the primer (its bars, tempo overridden) or an opening
    /// <c>Bar Position_0 Tempo</c>, then the theme's first statement if a theme is given.
    /// </summary>
    /// <param name="firstBar">Absolute bar number the stream starts at (the live feed restarts mid-song).</param>
    public void Start(MusicAttributes attributes, double tempoBpm, Score? primer = null, ThemeOptions? theme = null, int firstBar = 0)
    {
        Attributes = attributes;
        TempoBpm = Quantization.QuantizeTempo(tempoBpm);
        Theme = theme;
        _grammar = new RemiGrammar(attributes.Meter, _grammar.Constraints);
        _parser = new RemiEventParser(attributes.Meter);
        _barOffset = firstBar;
        _body.Clear();
        _notes.Clear();
        _prefix = AttributeTokens.Encode(attributes);
        _performer = new ExpressivePerformer(attributes);
        _motif = primer is { Notes.Count: > 0 } ? MotifGuidance.FromPrimer(primer, GenerationRequest.DefaultMotifEveryBars, MotifStrength) : null;
        _motifOrigin = -1;
        _model.Reset();
        _model.Append(_prefix, _logits);
        foreach (int t in _prefix) _grammar.Accept(t);

        _scratch.Clear();
        _scratch.Add(RemiVocabulary.Bar);
        _scratch.Add(RemiVocabulary.Id(TokenKind.Position, 0));
        _scratch.Add(RemiVocabulary.Id(TokenKind.Tempo, Quantization.TempoBucket(TempoBpm)));
        if (primer is { Notes.Count: > 0 })
        {
            var canonical = ScoreCanonicalizer.Canonicalize(primer with { Meter = attributes.Meter });
            var primerTokens = new List<int>();
            _tokenizer.EncodeBody(canonical, primerTokens, firstBar: 0, includeTempos: false);
            // The opening Bar/Position_0/Tempo replaces the primer's own first Bar (and its Position_0, if any).
            int skip = primerTokens.Count > 1 && primerTokens[1] == RemiVocabulary.Id(TokenKind.Position, 0) ? 2 : 1;
            _scratch.AddRange(primerTokens.Skip(skip));
        }
        Force(_scratch);

        if (theme is not null)
        {
            var canonical = ScoreCanonicalizer.Canonicalize(theme.Motif with { Meter = attributes.Meter });
            _themeBody = [];
            _tokenizer.EncodeBody(canonical, _themeBody, firstBar: 0, includeTempos: false);
            _themePitch = new bool[_model.VocabSize];
            foreach (var n in canonical.Notes) _themePitch[RemiVocabulary.PitchId(n.Pitch)] = true;
            if (primer is not { Notes.Count: > 0 }) ForceThemeAfterBar();
        }
        else
        {
            _themeBody = null;
            _themePitch = null;
        }
    }

    /// <summary>Samples until bar <paramref name="bar"/> (absolute) has started, i.e. all earlier bars are complete.</summary>
    public void GenerateUntilBar(int bar)
    {
        while (CurrentBar < bar) Step();
    }

    /// <summary>Samples (or forces) one token and returns it.</summary>
    public int Step()
    {
        int token;
        if (_tokensInBar >= MaxTokensPerBar)
        {
            token = RemiVocabulary.Bar;
        }
        else
        {
            if (_motif is not null && _motifOrigin < 0 && _grammar.Position < 0) StartMotifBar(); // sampling opens a bar
            _logits.CopyTo(_masked, 0);
            _grammar.Mask(_masked);
            if (_themePitch is not null && Theme is { PitchBias: > 0 } theme)
            {
                for (int i = 0; i < _masked.Length; i++)
                {
                    // Scaled by the temperature the sampler divides by, so the bonus means the same odds at any temperature.
                    if (_themePitch[i] && !float.IsNegativeInfinity(_masked[i])) _masked[i] += theme.PitchBias * Math.Max(Sampling.Temperature, 0.1f);
                }
            }
            if (TonicBassBias > 0 && Constraints.Key is { } key && _grammar.Position >= 0)
                ApplyTonalCentre(key, TonicBassBias * Math.Max(Sampling.Temperature, 0.1f));
            if (DensityStrength > 0)
                DensityGuidance.Apply(_masked, Attributes, _notesInBar, _grammar.Position, DensityStrength * Math.Max(Sampling.Temperature, 0.1f));
            _motif?.Apply(_masked, _motif.Strength * Math.Max(Sampling.Temperature, 0.1f));
            token = _sampler.Sample(_masked, Sampling, _rng);
        }
        TokensGenerated++;
        _scratch.Clear();
        _scratch.Add(token);
        _sampling = true;
        Force(_scratch);
        _sampling = false;
        if (token == RemiVocabulary.Bar && _motif is not null) StartMotifBar();
        if (token == RemiVocabulary.Bar && Theme is not null && _themeBody is not null
            && CurrentBar > 0 && CurrentBar % Theme.EveryBars == 0)
        {
            ForceThemeAfterBar();
        }
        return token;
    }

    /// <summary>Feeds tokens as if sampled (grammar, parser, notes, cache), without sampling.</summary>
    public void Force(IReadOnlyList<int> tokens)
    {
        if (tokens.Count == 0) return;
        if (_model.CachedLength + tokens.Count > _model.ContextLength) RebuildContext(tokens.Count);
        var span = tokens is List<int> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : tokens.ToArray();
        foreach (int t in span)
        {
            _body.Add(t);
            _grammar.Accept(t);
            _motif?.OnToken(t);
            _tokensInBar = t == RemiVocabulary.Bar ? 0 : _tokensInBar + 1;
            _notesInBar = t == RemiVocabulary.Bar ? 0 : RemiVocabulary.KindOf(t) == TokenKind.Pitch ? _notesInBar + 1 : _notesInBar;
            if (_parser.Feed(t, out var note, out _) == RemiEventParser.Result.Note)
            {
                note = note with { Start = note.Start + _barOffset * Attributes.Meter.StepsPerBar() };
                if (_sampling && Perform && _performer is not null) note = note with { Velocity = _performer.Velocity(note) };
                _notes.Add(note);
            }
        }
        _model.Append(span, _logits);
        if (BoundedHistory && _body.Count > 4 * _model.ContextLength)
            _body.RemoveRange(0, _body.Count - 2 * _model.ContextLength);
    }

    /// <summary>The current next-token logits (before masking); exposed for tests and diagnostics.</summary>
    public ReadOnlySpan<float> Logits => _logits;

    /// <summary>
    /// The bass (first pitch at an onset) leans to the tonic: fully on the downbeat and half-bar, half on other
    /// beats, a quarter between them. In the second half of a phrase's last bar (a cadence) every voice leans to
    /// the tonic triad (tonic, the mode's third, fifth) at half weight, so phrases close on the home chord.
    /// </summary>
    private void ApplyTonalCentre(Key key, float bonus)
    {
        int spb = Attributes.Meter.StepsPerBar(), position = _grammar.Position;
        bool cadence = CurrentBar % ExpressivePerformer.PhraseBars == ExpressivePerformer.PhraseBars - 1 && position * 2 >= spb;
        bool bass = _grammar.NextPitchIsBass;
        if (!bass && !cadence) return;
        float bassWeight = !bass ? 0f : position * 2 % spb == 0 ? 1f : position % 4 == 0 ? 0.5f : 0.25f;
        int third = (key.Tonic + (key.Mode == Mode.Major ? 4 : 3)) % 12, fifth = (key.Tonic + 7) % 12;
        int first = RemiVocabulary.Offset(TokenKind.Pitch), count = RemiVocabulary.Count(TokenKind.Pitch);
        for (int id = first; id < first + count; id++)
        {
            if (float.IsNegativeInfinity(_masked[id])) continue;
            int pc = RemiVocabulary.PitchOf(id) % 12;
            float w = pc == key.Tonic ? Math.Max(bassWeight, cadence ? 0.5f : 0f) : cadence && (pc == third || pc == fifth) ? 0.5f : 0f;
            _masked[id] += w * bonus;
        }
    }

    /// <summary>A continued bar begins: the first one fixes the origin the statements are counted from.</summary>
    private void StartMotifBar()
    {
        if (_motifOrigin < 0) _motifOrigin = CurrentBar;
        _motif!.OnBarStart(CurrentBar - _motifOrigin);
    }

    private void ForceThemeAfterBar()
    {
        // The stream has just emitted the Bar that opens a phrase; splice the theme's bars after it and close
        // its last bar, so the statement is exactly the theme and the model resumes on the following bar.
        var statement = _themeBody!.Skip(1).ToList();
        statement.Add(RemiVocabulary.Bar);
        Force(statement);
    }

    /// <summary>
    /// Sliding window: restart the cache from the prefix plus the most recent whole bars (at most half a context),
    /// the same shape as the recipe's training crops.
    /// </summary>
    private void RebuildContext(int incoming)
    {
        int budget = Math.Max(16, _model.ContextLength / 2 - incoming);
        int start = _body.Count;
        for (int i = _body.Count - 1; i >= 0; i--)
        {
            if (_body[i] != RemiVocabulary.Bar) continue;
            if (_body.Count - i > budget) break;
            start = i;
        }
        if (start == _body.Count)
        {
            // One bar longer than the budget: keep its tail so the model still sees recent notes.
            start = Math.Max(0, _body.Count - budget);
        }
        var window = new List<int>(_prefix.Length + _body.Count - start);
        window.AddRange(_prefix);
        for (int i = start; i < _body.Count; i++) window.Add(_body[i]);
        _model.Reset();
        _model.Append(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(window), _logits);
    }
}
