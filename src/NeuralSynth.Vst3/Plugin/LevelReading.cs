namespace NeuralSynth.Vst3.Plugin;

/// <summary>One block's peak levels (linear), written by the audio thread for the editor's meters.</summary>
internal readonly record struct LevelReading(float InputPeak, float OutputPeak);
