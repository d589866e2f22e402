namespace NeuralSynth.Ddsp.Analysis;

/// <summary>One frame of pitch: <see cref="Hz"/> holds the last voiced value while unvoiced.</summary>
public readonly record struct PitchEstimate(float Hz, float Confidence, bool Voiced);
