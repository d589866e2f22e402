namespace NeuralSynth.Engine;

/// <summary>
/// Bad user input (a file, a preset, a model, an argument): the one base type for it. Its message is one line a
/// user can act on; callers show it without a stack trace. Parsers that want their own type derive from this
/// one (<c>ModelFormatException</c>) so a front end converts every bad input in one place — the CLI's
/// <c>CommandRunner</c> — instead of each command catching its own subset of framework exceptions.
/// </summary>
public class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
