using NeuralSynth.Rave.Controls;

namespace NeuralSynth.Rave.Realtime;

/// <summary>
/// One chunk in flight between the audio thread and the worker. Only its index travels through the rings; the
/// buffers are owned by whichever side last received the index, so no copy crosses threads unsynchronised.
/// </summary>
internal sealed class ChunkSlot
{
    public ChunkSlot(int channels, int chunkSize)
    {
        Input = new float[channels][];
        Output = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            Input[c] = new float[chunkSize];
            Output[c] = new float[chunkSize];
        }
    }

    public float[][] Input { get; }
    public float[][] Output { get; }
    public LatentControlFrame Controls { get; } = new();

    /// <summary>Position of this chunk in the stream (0, 1, 2, … since the last reset).</summary>
    public long Index;

    /// <summary>Reset generation the chunk belongs to; the worker restarts its stream when this changes.</summary>
    public int Generation;
}
