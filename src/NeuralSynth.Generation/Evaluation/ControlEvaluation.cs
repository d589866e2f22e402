using NeuralSynth.Generation.Midi;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>Runs the evaluation grid through a generator, or judges MIDI files named by <see cref="ControlSetting.Name"/>.</summary>
public static class ControlEvaluation
{
    public static ControlAccuracy Run(SymbolicGenerator generator, IEnumerable<ControlSetting> grid, int bars, string? modelPath = null,
        Action<ControlSetting, GeneratedPiece>? onPiece = null)
    {
        var accuracy = new ControlAccuracy();
        foreach (var setting in grid)
        {
            var piece = generator.Generate(setting.ToRequest(bars, modelPath));
            onPiece?.Invoke(setting, piece);
            accuracy.Add(setting, AttributeJudge.Judge(piece.Score, piece.PrimerBars, bars));
        }
        return accuracy;
    }

    /// <summary>Judges every <c>*.mid</c> in a folder whose name parses as a setting (for pieces made by another build).</summary>
    public static ControlAccuracy JudgeFolder(string folder, int bars)
    {
        var accuracy = new ControlAccuracy();
        foreach (string path in Directory.GetFiles(folder, "*.mid").Order())
        {
            if (ControlSetting.Parse(Path.GetFileNameWithoutExtension(path)) is { } setting)
                accuracy.Add(setting, AttributeJudge.Judge(ScoreMidiReader.Read(path), 0, bars));
        }
        return accuracy;
    }
}
