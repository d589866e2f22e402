namespace NeuralSynth.Product;

/// <summary>A model choice of a real-time processor (the effect's model, the instrument's sound source), loaded off
/// the audio thread. Index 0 is the built-in behaviour (no model, the additive voice).</summary>
public interface IModelSlot
{
    int LoadedIndex { get; }
    int RequestedIndex { get; }
    string? LastError { get; }

    /// <summary>Raised on the slot's worker thread (or while a setup is configured), outside any lock, after each load.</summary>
    event Action? Changed;

    /// <summary>Audio-thread safe: one volatile store.</summary>
    void Request(int index);

    /// <summary>UI thread: loads now (once a processing setup is known).</summary>
    void LoadNow(int index);

    bool WaitUntilLoaded(TimeSpan timeout);
}
