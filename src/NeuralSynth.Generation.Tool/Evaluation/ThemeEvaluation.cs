using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Midi;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Tool.Corpus;

namespace NeuralSynth.Generation.Tool.Evaluation;

/// <summary>
/// "Continue what I play", measured: the first <see cref="PrimerBars"/> bars of held-out chorales (JSB test split)
/// are the primers; each is continued for <paramref name="bars"/> bars, and the same request without the primer
/// is the baseline. Both are scored with <see cref="MotifRecurrence"/> against the primer's motif.
/// </summary>
internal static class ThemeEvaluation
{
    public const int PrimerBars = 2;

    public static string Run(string jsbJson, int pieces, int bars, ulong seeds, string? modelPath = null)
    {
        var tests = JsbChorales.Load(jsbJson, "test").Take(pieces).ToList();
        string dir = Path.Combine(Path.GetTempPath(), $"ns-theme-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        using var generator = new SymbolicGenerator(modelPath);
        int primed = 0, unprimed = 0, prompt = 0, primedPieces = 0, unprimedPieces = 0, promptPieces = 0, runs = 0;
        try
        {
            for (int i = 0; i < tests.Count; i++)
            {
                var piece = tests[i];
                int spb = piece.Meter.StepsPerBar();
                var primer = piece with { Notes = piece.Notes.Where(n => n.Start < PrimerBars * spb).ToList() };
                if (MotifRecurrence.Motif(primer) is not { } motif) continue;
                var key = KeyDetector.Detect(primer.Notes);
                string path = Path.Combine(dir, $"primer{i}.mid");
                ScoreMidiWriter.Write(path, primer, key);
                for (ulong seed = 1; seed <= seeds; seed++)
                {
                    var request = new GenerationRequest(Bars: bars, Key: PitchClass.Name(key.Tonic),
                        Mode: key.Mode == Mode.Major ? "major" : "minor", Tempo: 96, Seed: seed);
                    var withPrimer = generator.Generate(request with { PrimerMidiPath = path });
                    var promptOnly = generator.Generate(request with { PrimerMidiPath = path, MotifGuidance = 0 });
                    var without = generator.Generate(request);
                    int a = MotifRecurrence.Count(motif, withPrimer.Score.Notes, withPrimer.PrimerBars * spb);
                    int c = MotifRecurrence.Count(motif, promptOnly.Score.Notes, promptOnly.PrimerBars * spb);
                    int b = MotifRecurrence.Count(motif, without.Score.Notes, 0);
                    primed += a;
                    prompt += c;
                    unprimed += b;
                    primedPieces += a > 0 ? 1 : 0;
                    promptPieces += c > 0 ? 1 : 0;
                    unprimedPieces += b > 0 ? 1 : 0;
                    runs++;
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        double per16 = 16.0 / bars;
        return $"theme recurrence over {runs} continuations of {bars} bars ({MotifRecurrence.MotifNotes}-note motif of the primer's top line, any transposition):\n" +
               $"| | recurrences per 16 bars | pieces with at least one |\n|---|---|---|\n" +
               $"| continuing the primer (motif guidance {GenerationRequest.DefaultMotifGuidance:0.#}, the product's default) | {primed * per16 / runs:0.00} | {100.0 * primedPieces / runs:0} % |\n" +
               $"| continuing the primer as a prompt only (guidance 0) | {prompt * per16 / runs:0.00} | {100.0 * promptPieces / runs:0} % |\n" +
               $"| unprimed, same key | {unprimed * per16 / runs:0.00} | {100.0 * unprimedPieces / runs:0} % |";
    }
}
