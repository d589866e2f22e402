using Xunit;

namespace NeuralSynth.Engine.Tests.Security;

/// <summary>
/// A fact that does not apply on Windows is reported as skipped there, with the reason, instead of returning
/// early and counting as passed.
/// </summary>
public sealed class NotOnWindowsFactAttribute : FactAttribute
{
    public NotOnWindowsFactAttribute(string reason)
    {
        if (OperatingSystem.IsWindows()) Skip = reason;
    }
}
