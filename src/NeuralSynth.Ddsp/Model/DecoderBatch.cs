namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// One decoder frame for 1..Capacity voices: fill the input rows, <see cref="Run"/>, read the output rows.
/// The arrays are allocated (pinned) once, so a frame allocates nothing. The product uses the managed runtime
/// (<see cref="ManagedDecoderBatch"/>); <see cref="OnnxDecoderBatch"/> is the ONNX Runtime reference.
/// </summary>
public abstract class DecoderBatch : IDisposable
{
    protected DecoderBatch(DecoderManifest manifest, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        Capacity = capacity;
        StateSize = manifest.StateSize;
        Harmonics = manifest.Harmonics;
        Bands = manifest.NoiseBands;
        F0Hz = GC.AllocateArray<float>(capacity, pinned: true);
        LoudnessDb = GC.AllocateArray<float>(capacity, pinned: true);
        StateIn = GC.AllocateArray<float>(capacity * StateSize, pinned: true);
        Amplitude = GC.AllocateArray<float>(capacity, pinned: true);
        Distribution = GC.AllocateArray<float>(capacity * Harmonics, pinned: true);
        Noise = GC.AllocateArray<float>(capacity * Bands, pinned: true);
        StateOut = GC.AllocateArray<float>(capacity * StateSize, pinned: true);
    }

    public int Capacity { get; }
    public int StateSize { get; }
    public int Harmonics { get; }
    public int Bands { get; }

    /// <summary>Inputs, row-major [rows × width]: fill rows 0..n-1, then <see cref="Run"/>.</summary>
    public float[] F0Hz { get; }
    public float[] LoudnessDb { get; }
    public float[] StateIn { get; }

    /// <summary>Outputs of the last <see cref="Run"/>, rows 0..n-1.</summary>
    public float[] Amplitude { get; }
    public float[] Distribution { get; }
    public float[] Noise { get; }
    public float[] StateOut { get; }

    /// <summary>Decodes rows 0..<paramref name="rows"/>-1. Allocation-free.</summary>
    public void Run(int rows)
    {
        if (rows < 1 || rows > Capacity) throw new ArgumentOutOfRangeException(nameof(rows));
        RunRows(rows);
    }

    protected abstract void RunRows(int rows);

    public virtual void Dispose() { }
}
