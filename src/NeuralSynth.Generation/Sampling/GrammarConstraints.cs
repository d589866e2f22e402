using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Sampling;

/// <summary>What the grammar mask should additionally forbid beyond REMI syntax.</summary>
/// <param name="Key">When set, pitches outside this key's scale are masked (major, or harmonic+natural minor).</param>
/// <param name="LowestPitch">Lowest allowed MIDI pitch.</param>
/// <param name="HighestPitch">Highest allowed MIDI pitch.</param>
/// <param name="AllowTempoChanges">In-stream Tempo tokens after the opening one.</param>
/// <param name="AllowChords">Chord annotation tokens (harmless either way; the decoder ignores them).</param>
internal sealed record GrammarConstraints(
    Key? Key = null,
    int LowestPitch = 21,
    int HighestPitch = 108,
    bool AllowTempoChanges = false,
    bool AllowChords = true);
