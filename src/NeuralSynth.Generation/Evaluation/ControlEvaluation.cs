using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Midi;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>Runs the evaluation grid through a generator, or judges MIDI files named by <see cref="ControlSetting.Name"/>.</summary>
public static class ControlEvaluation
{
    /// <param name="template">Everything but the grid's controls (guidance strengths, temperature, model).</param>
    public static ControlAccuracy Run(SymbolicGenerator generator, IEnumerable<ControlSetting> grid, int bars, GenerationRequest? template = null,
        Action<ControlSetting, GeneratedPiece>? onPiece = null)
    {
        var accuracy = new ControlAccuracy();
        foreach (var setting in grid)
        {
            var piece = generator.Generate(setting.ToRequest(bars, template ?? new GenerationRequest()));
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
