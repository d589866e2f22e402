using System.Diagnostics;
using Xunit;
using NeuralSynth.Engine.Tests;

namespace NeuralSynth.Cli.Tests;

/// <summary>Runs the real neuralsynth executable the way a user does, and the checks every CLI test shares.</summary>
internal static class CliProcess
{
    public static (int ExitCode, string StdOut, string StdErr) RunCli(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neuralsynth.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestSupport.RepoRoot };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "CLI timed out");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Temp(string name, byte[] content)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}-{name}");
        File.WriteAllBytes(path, content);
        return path;
    }

    public static void AssertOneLineError((int ExitCode, string StdOut, string StdErr) result, string expectedFragment)
    {
        Assert.NotEqual(0, result.ExitCode);
        string[] lines = result.StdErr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(expectedFragment, lines[0]);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
