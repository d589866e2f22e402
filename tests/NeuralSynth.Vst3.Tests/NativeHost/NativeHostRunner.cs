using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests.NativeHost;

/// <summary>Runs native/'s neuralsynth-vst3-host against the bundle and captures what it prints.</summary>
internal static class NativeHostRunner
{
    public static string? Bundle => ExistingPath("NEURALSYNTH_VST3_BUNDLE");
    public static string? HostExecutable => ExistingPath("NEURALSYNTH_VST3_HOST");

    public sealed record Result(int ExitCode, string Output);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(HostExecutable!);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var (exitCode, output) = Harness.ChildProcess.Run(start, TimeSpan.FromMinutes(8));
        return new Result(exitCode, output);
    }

    /// <summary>Runs the host and fails the test, showing its output, unless it exits 0.</summary>
    public static string RunOk(ITestOutputHelper log, params string[] arguments)
    {
        var result = Run(arguments);
        log.WriteLine($"$ neuralsynth-vst3-host {string.Join(' ', arguments)}");
        log.WriteLine(result.Output);
        Assert.True(result.ExitCode == 0, $"host exited with {result.ExitCode}:\n{result.Output}");
        return result.Output;
    }

    private static string? ExistingPath(string variable)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        return !string.IsNullOrEmpty(value) && (File.Exists(value) || Directory.Exists(value)) ? value : null;
    }
}
