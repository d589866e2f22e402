using NeuralSynth.Fuzz;
using Xunit;

namespace NeuralSynth.Robustness.Tests;

/// <summary>Every file in tests/corpus/hostile is refused with its expected one-line error.</summary>
public class HostileCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var e in Corpus.Expectations()) data.Add(e.File);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void HostileFileIsRefusedWithAClearError(string file)
    {
        var expectation = Corpus.Expectations().Single(e => e.File == file);
        var target = FuzzTargets.Find(expectation.Target);
        byte[] bytes = File.ReadAllBytes(Path.Combine(Corpus.Hostile, file));

        var error = Record.Exception(() => target.Parse(bytes));

        Assert.NotNull(error);
        Assert.True(FuzzTarget.IsExpectedRefusal(error), $"{file}: {error.GetType().Name}: {error.Message}");
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(expectation.Error, error.Message);
    }

    [Fact]
    public void EveryCorpusFileHasAnExpectation()
    {
        var listed = Corpus.Expectations().Select(e => e.File).ToHashSet();
        var present = Directory.EnumerateFiles(Corpus.Hostile, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Corpus.Hostile, f).Replace('\\', '/'))
            .Where(f => f != "expectations.json");
        Assert.All(present, f => Assert.Contains(f, listed));
    }
}
