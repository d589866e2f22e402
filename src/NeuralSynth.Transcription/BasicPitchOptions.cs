using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription;

/// <summary>Everything <see cref="BasicPitchTranscriber"/> can be told, defaulting to upstream's settings.</summary>
public sealed record BasicPitchOptions
{
    public double OnsetThreshold { get; init; } = 0.5;
    public double FrameThreshold { get; init; } = 0.3;
    public double MinimumNoteLengthMs { get; init; } = 127.70;
    public double? MinimumFrequencyHz { get; init; }
    public double? MaximumFrequencyHz { get; init; }
    public bool MelodiaTrick { get; init; } = true;
    public bool IncludePitchBends { get; init; } = true;
    /// <summary>ONNX execution provider: "cpu" or "cuda".</summary>
    public string Provider { get; init; } = "cpu";

    /// <summary>ONNX Runtime intra-op threads; 0 lets the runtime choose.</summary>
    public int IntraOpNumThreads { get; init; }

    public NoteCreationOptions ToNoteCreationOptions() => new()
    {
        OnsetThreshold = OnsetThreshold,
        FrameThreshold = FrameThreshold,
        MinimumNoteLengthMs = MinimumNoteLengthMs,
        MinimumFrequencyHz = MinimumFrequencyHz,
        MaximumFrequencyHz = MaximumFrequencyHz,
        MelodiaTrick = MelodiaTrick,
        IncludePitchBends = IncludePitchBends,
    };
}
