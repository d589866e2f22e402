using Xunit;
using static NeuralSynth.Cli.Tests.CliProcess;
using NeuralSynth.Engine.Tests;

namespace NeuralSynth.Cli.Tests;

/// <summary>What a user sees for a cut-off file: the command runs on what was read, with one warning on stderr.</summary>
public class TruncatedInputCliTests
{
    private static string Output(string extension) => Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.{extension}");

    [Fact]
    public void TruncatedWavIsProcessedWithOneWarningNamingClaimedAndRead()
    {
        // Was: exit 0 and "wrote … 0.25 s" with no word that 1.25 s of the claimed 1.5 s were missing.
        string input = Temp("cut.wav", TruncatedFiles.Wav(TruncatedFiles.Sine(12000), claimedBytes: 288_000));
        var result = RunCli("fx", input, "-m", "models/fx/overdrive/model.json", "-o", Output("wav"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        string warning = Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.StartsWith("warning: ", warning);
        Assert.Contains("claims 288000 bytes (72000 frames, 1.500 s) but the file holds 12000 frames (250 ms)", warning);
        Assert.Contains("0.25 s", result.StdOut);
    }

    [Fact]
    public void WavWithoutOneWholeFrameIsAnError() =>
        AssertOneLineError(RunCli("fx", Temp("cut.wav", TruncatedFiles.Wav([], claimedBytes: 288_000, extraBytes: 3)),
            "-m", "models/fx/overdrive/model.json", "-o", Output("wav")), "holds not one whole frame");

    [Fact]
    public void TruncatedMidiRendersWithOneWarning()
    {
        string input = Temp("cut.mid", TruncatedFiles.Midi(notes: 10, claimedTrackBytes: 1000, cutBytes: 4));
        var result = RunCli("render", input, "-o", Output("wav"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        string warning = Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.Equal($"warning: {input}: truncated MIDI file: track 2 of 2 claims 1000 bytes but the file holds 86; read its first 19 events (85 bytes)", warning);
    }

    [Fact]
    public void TruncatedPrimerIsUsedWithOneWarning()
    {
        string primer = Temp("cut.mid", TruncatedFiles.Midi(notes: 10, claimedTrackBytes: 1000, cutBytes: 4));
        var result = RunCli("generate", "--bars", "2", "--primer", primer, "-o", Output("mid"));
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"warning: {primer}: truncated MIDI file:", result.StdErr);
        Assert.DoesNotContain("error", result.StdErr);
    }
}
