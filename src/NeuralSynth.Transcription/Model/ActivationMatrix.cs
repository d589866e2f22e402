namespace NeuralSynth.Transcription.Model;

/// <summary>A dense row-major (frames × bins) float matrix, the shape every Basic Pitch output takes.</summary>
public sealed class ActivationMatrix
{
    public ActivationMatrix(int frames, int bins)
        : this(frames, bins, new float[checked(frames * bins)])
    {
    }

    public ActivationMatrix(int frames, int bins, float[] data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bins);
        if (data.Length != frames * bins)
        {
            throw new ArgumentException($"Expected {frames * bins} values for {frames}x{bins}, got {data.Length}.", nameof(data));
        }

        Frames = frames;
        Bins = bins;
        Data = data;
    }

    public int Frames { get; }
    public int Bins { get; }
    public float[] Data { get; }

    public float this[int frame, int bin]
    {
        get => Data[frame * Bins + bin];
        set => Data[frame * Bins + bin] = value;
    }

    public Span<float> Row(int frame) => Data.AsSpan(frame * Bins, Bins);

    public ActivationMatrix Clone() => new(Frames, Bins, (float[])Data.Clone());
}
