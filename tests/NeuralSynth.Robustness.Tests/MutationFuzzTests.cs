using NeuralSynth.Fuzz;
using Xunit;

namespace NeuralSynth.Robustness.Tests;

/// <summary>
/// In-process fuzzing that runs in every test run: seed files mutated (bit flips, byte writes, truncation,
/// duplication, deletion, huge lengths) and fed to each parser. The only acceptable outcomes are success or a
/// clear one-line refusal. Deterministic (fixed seed per target) so CI never flakes; AFL++ (fuzz.sh) explores
/// further, and whatever it finds is added under tests/corpus/findings and replayed by <see cref="FindingsReplayTests"/>.
/// </summary>
public class MutationFuzzTests
{
    private const int IterationsPerTarget = 2000;

    public static TheoryData<string> Targets()
    {
        var data = new TheoryData<string>();
        foreach (var t in FuzzTargets.All) data.Add(t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void MutatedSeedsNeverCrashTheParser(string targetName)
    {
        var target = FuzzTargets.Find(targetName);
        var seeds = Directory.GetFiles(Path.Combine(Corpus.Seeds, target.SeedFolder)).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        Assert.NotEmpty(seeds);
        var random = new Random(targetName.Aggregate(17, (h, c) => h * 31 + c)); // stable across runs and machines

        for (int i = 0; i < IterationsPerTarget; i++)
        {
            byte[] seed = seeds[random.Next(seeds.Length)];
            var operations = new int[1 + random.Next(12)];
            for (int k = 0; k < operations.Length; k++) operations[k] = random.Next(int.MinValue, int.MaxValue);
            byte[] input = Mutator.Apply(seed, operations);
            string? finding = FuzzTargets.Check(target, input);
            if (finding == null) continue;
            string saved = Path.Combine(Path.GetTempPath(), $"finding-{targetName}-{i}{target.FileExtension}");
            File.WriteAllBytes(saved, input);
            Assert.Fail($"iteration {i}: {finding}; input saved to {saved} (add it under tests/corpus/findings/{target.SeedFolder}/)");
        }
    }
}
