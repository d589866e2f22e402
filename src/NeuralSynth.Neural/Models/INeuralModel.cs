namespace NeuralSynth.Neural.Models;

/// <summary>
/// A mono neural network that maps an input signal to an output signal at a fixed sample rate.
/// Same real-time contract as the engine's processors: <see cref="Prepare"/> allocates, <see cref="Process"/>
/// takes any block length from 1 to the prepared maximum and allocates nothing.
/// </summary>
public interface INeuralModel
{
    /// <summary>Sample rate the model was trained at, in Hz.</summary>
    double SampleRate { get; }

    /// <summary>Samples of silence NeuralAmpModelerCore feeds on reset to settle the model (its "pre-warm").</summary>
    int PrewarmSamples { get; }

    /// <summary>Largest block accepted after <see cref="Prepare"/>; 0 before.</summary>
    int MaxBlockSize { get; }

    void Prepare(int maxBlockSize);

    /// <summary>Returns the model to its freshly loaded state.</summary>
    void Reset();

    void Process(ReadOnlySpan<float> input, Span<float> output);
}
