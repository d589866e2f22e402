namespace NeuralSynth.Engine;

/// <summary>
/// Bad user input (a file, a preset, an argument). Its message is one line a user can act on; callers show
/// it without a stack trace.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message) : base(message) { }
    public InvalidInputException(string message, Exception inner) : base(message, inner) { }
}
