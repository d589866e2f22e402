using NeuralSynth.Engine;

namespace NeuralSynth.Cli;

/// <summary>
/// Runs a command body so that any failure becomes one readable line on stderr and a non-zero exit code:
/// users see what was wrong with their input, never a stack trace. This is the one place bad input is
/// converted: every parser throws <see cref="InvalidInputException"/> (or a type derived from it), so no command
/// catches its own subset of exceptions. Input that was used only in part (a truncated file) is a
/// "warning: " line on stderr, and the command goes on.
/// </summary>
public static class CommandRunner
{
    public const int InputError = 1;
    public const int InternalError = 70;

    public static int Run(Func<int> body)
    {
        using var warnings = InputWarnings.Listen(message => Console.Error.WriteLine($"warning: {OneLine(message)}"));
        try
        {
            return body();
        }
        catch (InvalidInputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return InputError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return InputError;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"error: internal failure ({e.GetType().Name}: {OneLine(e.Message)})");
            return InternalError;
        }
    }

    private static string OneLine(string message) => message.Split('\n')[0].Trim();
}
