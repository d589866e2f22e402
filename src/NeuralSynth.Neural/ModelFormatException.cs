using NeuralSynth.Engine;

namespace NeuralSynth.Neural;

/// <summary>
/// A model file could not be loaded. The message is one line that names the file and the offending field,
/// so a host can show it to the user as is. It is bad input, so it derives from <see cref="InvalidInputException"/>
/// and front ends need not catch it separately.
/// </summary>
internal sealed class ModelFormatException : InvalidInputException
{
    public ModelFormatException(string message) : base(message) { }

    public ModelFormatException(string message, Exception inner) : base(message, inner) { }

    internal static ModelFormatException For(string file, string field, string problem) =>
        new($"{Path.GetFileName(file)}: '{field}' {problem}");
}
