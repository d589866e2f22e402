using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>What <see cref="AttributeJudge"/> hears in a piece, plus the raw features behind each verdict.</summary>
public sealed record JudgedAttributes(
    Key Key,
    int DensityBin,
    bool PositiveValence,
    bool HighArousal,
    bool HighRate,
    double NotesPerBar,
    double NotesPerSecond,
    double HarmonyBalance,
    double MeanVelocity,
    double VelocitySpread,
    double MeanPitch);
