namespace NeuralSynth.Generation.Instrument;

/// <summary>Where one audio block sat on the host timeline: its first sample (counted since Prepare) and quarter note.</summary>
public readonly record struct TimelineAnchor(long Sample, double Quarters, double SamplesPerBeat, bool Playing);
