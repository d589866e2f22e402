namespace NeuralSynth.Engine.Core;

/// <summary>
/// The contract every real-time processor follows. <see cref="Prepare"/> is the only place that may
/// allocate; <see cref="Process"/> runs on the audio thread and must not allocate, lock, block or throw.
/// </summary>
public interface IAudioProcessor
{
    /// <summary>Allocates everything the processor needs for blocks of up to <paramref name="maxBlockSize"/> frames.</summary>
    void Prepare(double sampleRate, int maxBlockSize, int channels);

    /// <summary>Processes one block in place. Any length from 1 to the prepared maximum is valid.</summary>
    void Process(AudioBlock block);

    /// <summary>Clears all internal state (delay lines, envelopes, voices) without reallocating.</summary>
    void Reset();

    /// <summary>Latency in samples this processor adds at the prepared sample rate.</summary>
    int LatencySamples => 0;
}
