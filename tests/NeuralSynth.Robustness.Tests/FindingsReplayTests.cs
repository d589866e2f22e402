using NeuralSynth.Fuzz;
using Xunit;

namespace NeuralSynth.Robustness.Tests;

/// <summary>Every input that once crashed a parser is replayed and must now be handled cleanly.</summary>
public class FindingsReplayTests
{
    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(Corpus.Root, "tests", "corpus", "findings");
        // A missing folder must fail the run, not yield no cases (which xunit would report as nothing to run).
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"fuzzing findings not found at {root}");
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!file.EndsWith(".md", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    /// <summary>Every fuzz target that ever found something still has its findings replayed.</summary>
    [Fact]
    public void FindingsAreReplayedForEveryTargetThatHadThem()
    {
        var targets = ((IEnumerable<object[]>)Findings()).Select(row => ((string)row[0]).Split('/')[0]).Distinct().ToList();
        foreach (string expected in new[] { "ddsp-manifest", "nam", "preset" }) Assert.Contains(expected, targets);
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void FindingIsHandled(string relative)
    {
        string target = relative.Split('/')[0];
        byte[] input = File.ReadAllBytes(Path.Combine(Corpus.Root, "tests", "corpus", "findings", relative));
        Assert.Null(FuzzTargets.Check(FuzzTargets.Find(target), input));
    }
}
