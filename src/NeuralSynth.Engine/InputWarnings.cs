namespace NeuralSynth.Engine;

/// <summary>
/// Where a reader says "I used this file, but not all of it" (a truncated WAV or MIDI file loads what it holds).
/// Such a file is not an error, yet silently rendering part of it is how a user ends up with "wrote … 0.00 s" and
/// no idea why; so readers report one line here and a front end decides how to show it (the CLI prints it on
/// stderr, see <c>CommandRunner</c>). The listener is per async flow, so parallel callers (tests, plug-in
/// instances) do not hear each other's warnings; with no listener a warning is dropped.
/// </summary>
public static class InputWarnings
{
    private static readonly AsyncLocal<Action<string>?> Listener = new();

    public static void Report(string message) => Listener.Value?.Invoke(message);

    /// <summary>Sends warnings reported on this flow (and tasks it starts) to <paramref name="listener"/> until disposed.</summary>
    public static IDisposable Listen(Action<string> listener)
    {
        var previous = Listener.Value;
        Listener.Value = listener;
        return new Restore(previous);
    }

    private sealed class Restore(Action<string>? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
