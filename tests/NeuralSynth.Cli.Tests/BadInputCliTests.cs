using NeuralSynth.Cli;
using Xunit;
using static NeuralSynth.Cli.Tests.CliProcess;
using NeuralSynth.Engine.Tests;

namespace NeuralSynth.Cli.Tests;

/// <summary>
/// Bad input of any kind ends as one "error:" line and the bad-input exit code, never "internal failure" (70):
/// the parsers throw one base type and CommandRunner alone converts it.
/// </summary>
public class BadInputCliTests
{
    [Fact]
    public void GenerateWithACorruptPrimerIsBadInput()
    {
        // Was: "error: internal failure (InvalidDataException: …)", exit 70.
        string primer = Temp("corrupt.mid", "this is not midi at all"u8.ToArray());
        var result = RunCli("generate", "--bars", "2", "--primer", primer, "-o", Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.mid"));
        AssertOneLineError(result, "not a readable MIDI file");
        Assert.Equal(CommandRunner.InputError, result.ExitCode);
    }

    [Fact]
    public void GenerateWithAnUnknownKeyIsBadInput()
    {
        var result = RunCli("generate", "--bars", "2", "--key", "H", "-o", Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.mid"));
        AssertOneLineError(result, "unknown key 'H'");
        Assert.Equal(CommandRunner.InputError, result.ExitCode);
    }

    [Fact]
    public void GenerateEvaluationArgumentsAreCheckedAsBadInput()
    {
        var noOutput = RunCli("generate", "--bars", "2");
        AssertOneLineError(noOutput, "--output is required");
        Assert.Equal(CommandRunner.InputError, noOutput.ExitCode);

        var noSeeds = RunCli("generate", "--evaluate", "0");
        AssertOneLineError(noSeeds, "1..100 seeds");
        Assert.Equal(CommandRunner.InputError, noSeeds.ExitCode);

        string empty = Directory.CreateTempSubdirectory("ns-judge").FullName;
        var nothingToJudge = RunCli("generate", "--judge", empty);
        AssertOneLineError(nothingToJudge, "no MIDI files named like");
        Assert.Equal(CommandRunner.InputError, nothingToJudge.ExitCode);
    }

    [Fact]
    public void RaveManifestWithInvalidUtf8IsBadInput()
    {
        // Was: "internal failure (InvalidOperationException: Cannot transcode invalid UTF-8 JSON text …)", exit 70:
        // the manifest parser bypassed UntrustedJson, which checks UTF-8 before parsing.
        string folder = Directory.CreateTempSubdirectory("ns-bad-rave").FullName;
        byte[] manifest = File.ReadAllBytes(Path.Combine(TestSupport.RepoRoot, "models", "rave", "fluid-small", "manifest.json"));
        int at = IndexOf(manifest, "neuralsynth-rave"u8) + "neuralsynth-rave".Length;
        File.WriteAllBytes(Path.Combine(folder, "manifest.json"), [.. manifest[..at], 0xFF, .. manifest[at..]]);
        var result = RunCli("rave", "--generate", "0.1", "-m", folder, "-o", Path.Combine(folder, "out.wav"));
        AssertOneLineError(result, "invalid JSON (not valid UTF-8 text)");
        Assert.Equal(CommandRunner.InputError, result.ExitCode);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
