using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Streaming;

public sealed record StreamingOptions
{
    public NoteCreationOptions Notes { get; init; } = new();
    /// <summary>ONNX execution provider: "cpu" or "cuda".</summary>
    public string Provider { get; init; } = "cpu";

    /// <summary>ONNX Runtime threads for the worker; one keeps the audio machine's other cores free.</summary>
    public int IntraOpNumThreads { get; init; } = 1;

    /// <summary>Ring capacity; input beyond it (a stalled worker) is refused rather than blocking the audio thread.</summary>
    public double RingSeconds { get; init; } = 4.0;

    /// <summary>Frames of history re-decoded on each window; bounds memory and CPU for endless streams.</summary>
    public int HistoryFrames { get; init; } = 3000;

    /// <summary>Windows after which the worker's allocations are counted (the history, and the buffers sized by it,
    /// grow until then).</summary>
    internal int AllocationWarmupWindows { get; init; } = 16;
}
