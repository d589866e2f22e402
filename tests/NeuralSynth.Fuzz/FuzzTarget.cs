namespace NeuralSynth.Fuzz;

/// <summary>
/// One parser under fuzzing. <see cref="Parse"/> must either succeed or throw the one bad-input exception type
/// (or a type derived from it); anything else (a crash, an unexpected exception type, a hang) is a finding.
/// </summary>
public sealed record FuzzTarget(string Name, string SeedFolder, string FileExtension, Action<byte[]> Parse)
{
    /// <summary>True when the exception is the documented, user-facing refusal of bad input.</summary>
    public static bool IsExpectedRefusal(Exception e) =>
        e is NeuralSynth.Engine.InvalidInputException; // ModelFormatException derives from it
}
