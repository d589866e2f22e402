using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Tool.Corpus;

/// <summary>
/// Writes the training corpus for the Python recipe: vocab.json and {train,valid,test}.tok (one piece per line,
/// space-separated token ids). Training pieces are also written in 12 transpositions (−5..+6 semitones) with
/// their attributes recomputed, so key conditioning sees every key; valid/test stay untransposed.
/// </summary>
internal static class CorpusExporter
{
    public static IReadOnlyDictionary<string, int> Export(string jsbJson, string outDir, bool includeChords = true)
    {
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "vocab.json"), RemiVocabulary.ToJson());
        var tokenizer = new RemiTokenizer(includeChords);
        var counts = new Dictionary<string, int>();
        foreach (string split in new[] { "train", "valid", "test" })
        {
            var scores = JsbChorales.Load(jsbJson, split);
            int[] shifts = split == "train" ? Enumerable.Range(-5, 12).ToArray() : [0];
            using var writer = new StreamWriter(Path.Combine(outDir, $"{split}.tok"));
            int tokens = 0;
            foreach (var score in scores)
            {
                foreach (int s in shifts)
                {
                    var ids = tokenizer.Encode(s == 0 ? score : score.Transposed(s));
                    writer.WriteLine(string.Join(' ', ids));
                    tokens += ids.Count;
                }
            }
            counts[split] = tokens;
        }
        return counts;
    }

    /// <summary>Histogram of each attribute over a split, to check the bucket edges are informative.</summary>
    public static string AttributeReport(string jsbJson, string split)
    {
        var attrs = JsbChorales.Load(jsbJson, split).Select(s => AttributeExtractor.Extract(ScoreCanonicalizer.Canonicalize(s))).ToList();
        string Hist<T>(Func<MusicAttributes, T> f) where T : notnull =>
            string.Join(", ", attrs.GroupBy(f).OrderBy(g => g.Key.ToString()).Select(g => $"{g.Key}:{g.Count()}"));
        return $"mode {Hist(a => a.Key.Mode)}\ntempo {Hist(a => a.TempoClass)}\ndensity {Hist(a => a.Density)}\n" +
               $"range {Hist(a => a.Range)}\nemotion {Hist(a => a.Emotion)}";
    }
}
