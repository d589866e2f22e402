using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tokens;

/// <summary>
/// REMI-style tokenizer (Huang &amp; Yang 2020) with a MuseCoco/EmoGen-style attribute prefix:
/// <c>Bos Key Meter TempoClass Density Range Emotion</c>, then per bar <c>Bar</c> and per occupied grid step
/// <c>Position [Tempo] [Chord] (Pitch Velocity Duration)*</c> with notes in ascending pitch, then <c>Eos</c>.
/// Quantisation is described in <see cref="Quantization"/>. This is the only implementation of the scheme:
/// the training corpus is written by it (NeuralSynth.Generation.Tool) and the sampler's grammar mirrors it.
/// </summary>
internal sealed class RemiTokenizer
{
    public RemiTokenizer(bool includeChords = true) => IncludeChords = includeChords;

    /// <summary>Emit a Chord token where the sounding pitch classes form a known triad/seventh that changed.</summary>
    public bool IncludeChords { get; }

    /// <param name="attributes">Prefix to use; computed from the score when null.</param>
    public List<int> Encode(Score score, MusicAttributes? attributes = null, bool appendEos = true)
    {
        var canonical = ScoreCanonicalizer.Canonicalize(score);
        attributes ??= AttributeExtractor.Extract(canonical);
        var tokens = new List<int>(AttributeTokens.Encode(attributes));
        EncodeBody(canonical, tokens, firstBar: 0);
        if (appendEos) tokens.Add(RemiVocabulary.Eos);
        return tokens;
    }

    /// <summary>Bar/Position/... tokens for the bars from <paramref name="firstBar"/> on (no prefix, no Eos).</summary>
    /// <param name="includeTempos">False for material spliced into a running stream (themes, primers whose
    /// tempo the request overrides), where a Tempo token would contradict the sampler's grammar.</param>
    public void EncodeBody(Score canonical, List<int> tokens, int firstBar, bool includeTempos = true)
    {
        int spb = canonical.Meter.StepsPerBar();
        var onsets = canonical.Notes.GroupBy(n => n.Start).ToDictionary(g => g.Key, g => g.OrderBy(n => n.Pitch).ToList());
        var tempoAt = includeTempos ? canonical.Tempos.ToDictionary(t => t.Step, t => t.Bpm) : new Dictionary<int, double>();
        int lastStep = Math.Max(onsets.Count == 0 ? 0 : onsets.Keys.Max(), tempoAt.Count == 0 ? 0 : tempoAt.Keys.Max());
        int lastBar = lastStep / spb;
        var active = new ActiveNotes(canonical.Notes);
        int lastChord = -1;
        for (int bar = firstBar; bar <= lastBar; bar++)
        {
            tokens.Add(RemiVocabulary.Bar);
            for (int pos = 0; pos < spb; pos++)
            {
                int step = bar * spb + pos;
                bool hasNotes = onsets.TryGetValue(step, out var notes);
                bool hasTempo = tempoAt.TryGetValue(step, out double bpm);
                if (!hasNotes && !hasTempo) continue;
                tokens.Add(RemiVocabulary.Id(TokenKind.Position, pos));
                if (hasTempo) tokens.Add(RemiVocabulary.Id(TokenKind.Tempo, Quantization.TempoBucket(bpm)));
                if (IncludeChords && hasNotes)
                {
                    int mask = active.PitchClassMaskAt(step);
                    if (ChordDetector.TryDetect(mask, out int root, out var quality))
                    {
                        int chord = RemiVocabulary.Id(TokenKind.Chord, root * ChordDetector.QualityCount + (int)quality);
                        if (chord != lastChord) tokens.Add(chord);
                        lastChord = chord;
                    }
                }
                if (!hasNotes) continue;
                foreach (var n in notes!)
                {
                    tokens.Add(RemiVocabulary.PitchId(n.Pitch));
                    tokens.Add(RemiVocabulary.Id(TokenKind.Velocity, Quantization.VelocityBin(n.Velocity)));
                    tokens.Add(RemiVocabulary.DurationId(n.Duration));
                }
            }
        }
    }

    /// <summary>Notes, tempo map and meter a token sequence stands for, plus its attribute prefix if present.</summary>
    public (Score Score, MusicAttributes? Attributes) Decode(IReadOnlyList<int> tokens)
    {
        var attributes = AttributeTokens.Decode(tokens);
        var parser = new RemiEventParser(attributes?.Meter ?? Meter.FourFour);
        var notes = new List<ScoreNote>();
        var tempos = new List<TempoChange>();
        foreach (int token in tokens)
        {
            switch (parser.Feed(token, out var note, out var tempo))
            {
                case RemiEventParser.Result.Note:
                    notes.Add(note);
                    break;
                case RemiEventParser.Result.Tempo:
                    tempos.Add(tempo);
                    break;
            }
            if (parser.Ended) break;
        }
        if (tempos.Count == 0 || tempos[0].Step != 0) tempos.Insert(0, new TempoChange(0, 120));
        return (new Score(notes, tempos, parser.Meter), attributes);
    }

    /// <summary>Pitch classes sounding at a step, with a sweep that assumes steps are asked in increasing order.</summary>
    private sealed class ActiveNotes(IReadOnlyList<ScoreNote> notes)
    {
        private readonly List<ScoreNote> _sorted = notes.OrderBy(n => n.Start).ToList();
        private readonly List<ScoreNote> _sounding = [];
        private int _next;

        public int PitchClassMaskAt(int step)
        {
            while (_next < _sorted.Count && _sorted[_next].Start <= step) _sounding.Add(_sorted[_next++]);
            _sounding.RemoveAll(n => n.End <= step);
            int mask = 0;
            foreach (var n in _sounding) mask |= 1 << (n.Pitch % 12);
            return mask;
        }
    }
}
