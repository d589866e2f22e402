using NeuralSynth.Ddsp.Analysis;

namespace NeuralSynth.Ddsp.Transfer;

public sealed record TransferOptions
{
    /// <summary>Shifts the tracked pitch before decoding (e.g. +12 to put a voice in a violin's range).</summary>
    public float TransposeSemitones { get; init; }

    /// <summary>Added to the measured loudness: adapts a quiet or hot input to the instrument's trained range.</summary>
    public float LoudnessOffsetDb { get; init; }

    /// <summary>1 = instrument only; 0 = input only (the dry path is not delayed).</summary>
    public float Mix { get; init; } = 1f;

    public PitchTrackerOptions Pitch { get; init; } = new();
}
