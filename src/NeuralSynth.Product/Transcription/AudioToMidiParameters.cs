using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Product.Transcription;

/// <summary>Stable ids and keys of the Audio to MIDI plug-in's parameters (ids never renumbered, only appended).</summary>
public static class AudioToMidiParameters
{
    public const int AudioThru = 200;
    public const int Bypass = 201;

    public static ParameterRegistry CreateRegistry() => new(new[]
    {
        new ParameterSpec(AudioThru, "a2m.thru", "Audio Thru", "", 0f, 1f, 1f, ParameterScale.Toggle),
        new ParameterSpec(Bypass, "a2m.bypass", "Bypass", "", 0f, 1f, 0f, ParameterScale.Toggle),
    });
}
