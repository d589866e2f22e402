using System.Text;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>
/// MuseCoco/EmoGen-style controllability: for each judged piece, whether the re-extracted attribute equals the
/// requested one; accuracy per attribute, overall and per emotion, plus the dynamics the pieces were played with.
/// </summary>
public sealed class ControlAccuracy
{
    private readonly List<(ControlSetting Setting, JudgedAttributes Judged)> _rows = [];

    public int Count => _rows.Count;

    public IReadOnlyList<(ControlSetting Setting, JudgedAttributes Judged)> Rows => _rows;

    public void Add(ControlSetting setting, JudgedAttributes judged) => _rows.Add((setting, judged));

    public double KeyMode => Share(r => r.Judged.Key == r.Setting.Key);

    public double Density => Share(r => r.Judged.DensityBin == r.Setting.Density);

    public double Valence => Share(r => r.Judged.PositiveValence == r.Setting.PositiveValence);

    public double Arousal => Share(r => r.Judged.HighArousal == r.Setting.HighArousal);

    /// <summary>Arousal from the note rate alone (no loudness or register), to show what the dynamics add.</summary>
    public double ArousalByRate => Share(r => r.Judged.HighRate == r.Setting.HighArousal);

    public double MeanVelocitySpread => _rows.Count == 0 ? 0 : _rows.Average(r => r.Judged.VelocitySpread);

    private double Share(Func<(ControlSetting Setting, JudgedAttributes Judged), bool> hit) =>
        _rows.Count == 0 ? 0 : _rows.Count(hit) / (double)_rows.Count;

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"pieces: {_rows.Count}");
        sb.AppendLine("| requested | n | key+mode | density bin | valence | arousal | arousal (rate only) | notes/bar | notes/s | velocity mean ± sd |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in _rows.GroupBy(r => r.Setting.Emotion))
            sb.AppendLine(Line(group.Key.ToString(), group.ToList()));
        var fixedTempo = _rows.Where(r => r.Setting.Tempo is not null).ToList();
        if (fixedTempo.Count > 0 && fixedTempo.Count < _rows.Count)
        {
            sb.AppendLine(Line("default tempos", _rows.Where(r => r.Setting.Tempo is null).ToList()));
            sb.AppendLine(Line($"{ControlSetting.FixedTempo:0} BPM", fixedTempo));
        }
        sb.AppendLine(Line("**all**", _rows));
        var misses = _rows.Where(r => r.Judged.Key != r.Setting.Key).Select(r => $"{r.Setting.Name} heard in {r.Judged.Key}").ToList();
        if (misses.Count > 0) sb.AppendLine($"key misses: {string.Join("; ", misses)}");
        var densityMisses = _rows.Where(r => r.Judged.DensityBin != r.Setting.Density)
            .Select(r => $"{r.Setting.Name} {r.Judged.NotesPerBar:0.0}/bar").ToList();
        if (densityMisses.Count > 0) sb.AppendLine($"density misses: {string.Join("; ", densityMisses)}");
        return sb.ToString();
    }

    private static string Line(string label, IReadOnlyList<(ControlSetting Setting, JudgedAttributes Judged)> rows)
    {
        string Pct(Func<(ControlSetting Setting, JudgedAttributes Judged), bool> hit) => $"{100.0 * rows.Count(hit) / rows.Count:0.0} %";
        return $"| {label} | {rows.Count} | {Pct(r => r.Judged.Key == r.Setting.Key)} | {Pct(r => r.Judged.DensityBin == r.Setting.Density)} | " +
               $"{Pct(r => r.Judged.PositiveValence == r.Setting.PositiveValence)} | {Pct(r => r.Judged.HighArousal == r.Setting.HighArousal)} | " +
               $"{Pct(r => r.Judged.HighRate == r.Setting.HighArousal)} | {rows.Average(r => r.Judged.NotesPerBar):0.0} | " +
               $"{rows.Average(r => r.Judged.NotesPerSecond):0.00} | {rows.Average(r => r.Judged.MeanVelocity):0} ± {rows.Average(r => r.Judged.VelocitySpread):0.0} |";
    }
}
