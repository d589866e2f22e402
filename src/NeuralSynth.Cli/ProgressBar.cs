using Spectre.Console;

namespace NeuralSynth.Cli;

/// <summary>Shows a progress bar on an interactive terminal and stays silent when output is redirected.</summary>
public static class ProgressBar
{
    public static T Run<T>(string description, Func<IProgress<double>?, T> work)
    {
        if (Console.IsOutputRedirected || Console.IsErrorRedirected) return work(null);
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: 1.0);
                result = work(new Progress<double>(value => task.Value = value));
                task.Value = 1.0;
            });
        return result;
    }
}
