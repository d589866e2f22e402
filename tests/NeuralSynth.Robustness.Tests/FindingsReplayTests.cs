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
        if (!Directory.Exists(root)) return data;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            if (!file.EndsWith(".md", StringComparison.Ordinal)) data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
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
