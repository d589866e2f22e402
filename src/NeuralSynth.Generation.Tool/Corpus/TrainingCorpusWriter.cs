using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Tool.Corpus;

/// <summary>
/// Writes the issue-#20 training corpus for the Python recipe from every set in the shared data folder: the JSB
/// chorales (SATB 16th-note encoding) and the Nottingham, MuseData and Piano-midi.de piano rolls. Output:
/// vocab.json, {train,valid,test}.tok (all sets, one piece per line) and {valid,test}.&lt;set&gt;.tok per set.
/// Training pieces are transposed so key conditioning sees every key with the attributes recomputed for each
/// transposition: the chorales in all 12 (−5..+6, the smallest set), the larger sets in 4 drawn per piece so the
/// corpus stays small enough for the recipe to hold in memory; valid/test stay untransposed.
/// </summary>
internal static class TrainingCorpusWriter
{
    public sealed record Set(string Name, Func<string, IReadOnlyList<Score>> Load, int Transpositions);

    public static IReadOnlyList<Set> SharedSets(string dataRoot) =>
    [
        new("jsb", split => JsbChorales.Load(Path.Combine(dataRoot, "jsb-chorales/Jsb16thSeparated.json"), split), 12),
        new("nottingham", split => PianoRollSets.Load(Path.Combine(dataRoot, "boulanger-pianoroll/Nottingham.json"), split), 4),
        new("musedata", split => PianoRollSets.Load(Path.Combine(dataRoot, "boulanger-pianoroll/MuseData.json"), split), 4),
        new("pianomidi", split => PianoRollSets.Load(Path.Combine(dataRoot, "boulanger-pianoroll/Piano_midi.json"), split), 4),
    ];

    /// <returns>Tokens written per file name.</returns>
    public static IReadOnlyDictionary<string, long> Write(IReadOnlyList<Set> sets, string outDir)
    {
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "vocab.json"), RemiVocabulary.ToJson());
        var tokenizer = new RemiTokenizer();
        var counts = new Dictionary<string, long>();
        foreach (string split in new[] { "train", "valid", "test" })
        {
            using var all = new StreamWriter(Path.Combine(outDir, $"{split}.tok"));
            foreach (var set in sets)
            {
                using var own = split == "train" ? null : new StreamWriter(Path.Combine(outDir, $"{split}.{set.Name}.tok"));
                var scores = set.Load(split);
                long tokens = 0;
                for (int i = 0; i < scores.Count; i++)
                {
                    foreach (int shift in Shifts(split, set.Transpositions, i))
                    {
                        var ids = tokenizer.Encode(shift == 0 ? scores[i] : scores[i].Transposed(shift));
                        string line = string.Join(' ', ids);
                        all.WriteLine(line);
                        own?.WriteLine(line);
                        tokens += ids.Count;
                    }
                }
                counts[$"{split}.{set.Name}"] = tokens;
            }
        }
        return counts;
    }

    /// <summary>Semitone shifts for piece <paramref name="index"/>: all 12, or a rotating window of
    /// <paramref name="count"/> spread over −5..+6 so every key occurs equally often across pieces.</summary>
    public static IEnumerable<int> Shifts(string split, int count, int index)
    {
        if (split != "train") return [0];
        if (count >= 12) return Enumerable.Range(-5, 12);
        int stride = 12 / count;
        return Enumerable.Range(0, count).Select(k => ((index + k * stride) % 12) - 5);
    }
}
