namespace NeuralSynth.Engine.Core;

/// <summary>
/// A processor with worker threads whose behaviour differs when the host renders faster than real time
/// (a bounce, an export): offline it waits for its workers, in real time it never does. Hosts tell it per
/// block (VST3's processMode arrives with every process call), so <see cref="SetOffline"/> runs on the audio
/// thread and must be a plain store.
/// </summary>
public interface IRenderModeAware
{
    void SetOffline(bool offline);
}
