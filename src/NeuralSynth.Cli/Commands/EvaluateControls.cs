using NeuralSynth.Generation.Api;
using NeuralSynth.Engine;
using NeuralSynth.Generation;
using NeuralSynth.Generation.Evaluation;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Cli.Commands;

/// <summary><c>generate --evaluate N</c> and <c>generate --judge folder</c>: the controllability table of issue #20.</summary>
public static class EvaluateControls
{
    public static int Run(int seeds, string tonicList, int bars, string? piecesDir, GenerationRequest template)
    {
        if (seeds is < 1 or > 100) throw new InvalidInputException("--evaluate takes 1..100 seeds per setting");
        var tonics = tonicList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PitchClass.Parse).ToList();
        var grid = ControlSetting.Grid(tonics, seeds);
        if (piecesDir is not null) Directory.CreateDirectory(piecesDir);
        if (template.ModelPath is { } m && !File.Exists(m)) throw new InvalidInputException($"{m}: file not found");
        template.Validate();
        using var generator = new SymbolicGenerator(template.ModelPath);
        var accuracy = ProgressBar.Run($"composing {grid.Count} pieces", _ => ControlEvaluation.Run(generator, grid, bars, template,
            onPiece: piecesDir is null ? null : (s, p) => p.WriteMidi(Path.Combine(piecesDir, s.Name + ".mid"))));
        Console.Write(accuracy.ToTable());
        return 0;
    }

    public static int Judge(string folder, int bars)
    {
        if (!Directory.Exists(folder)) throw new InvalidInputException($"{folder}: folder not found");
        var accuracy = ControlEvaluation.JudgeFolder(folder, bars);
        if (accuracy.Count == 0) throw new InvalidInputException($"{folder}: no MIDI files named like A-Sad-d2-s3.mid");
        Console.Write(accuracy.ToTable());
        return 0;
    }
}
