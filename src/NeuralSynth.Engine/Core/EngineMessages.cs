namespace NeuralSynth.Engine.Core;

/// <summary>Per-block meter reading published by the audio thread.</summary>
public readonly record struct MeterReading(long SamplePosition, float Peak, float Rms, int ActiveVoices);

public enum EngineMessageCode
{
    NonFiniteOutputReplaced = 1,
    EventQueueOverflow,
    VoiceStolen,
    ProcessingFailed,
}

/// <summary>A status message from the audio thread; blittable so it can be queued without allocation.</summary>
public readonly record struct EngineMessage(long SamplePosition, EngineMessageCode Code, int Value);
