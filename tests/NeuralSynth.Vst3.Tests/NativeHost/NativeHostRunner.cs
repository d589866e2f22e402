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
        var start = new ProcessStartInfo(HostExecutable!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"neuralsynth-vst3-host {string.Join(' ', arguments)} did not finish in 8 minutes");
        }
        process.WaitForExit();
        lock (output) return new Result(process.ExitCode, output.ToString());
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
