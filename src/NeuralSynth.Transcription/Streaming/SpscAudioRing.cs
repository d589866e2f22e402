namespace NeuralSynth.Transcription.Streaming;

/// <summary>
/// Lock-free single-producer/single-consumer ring of samples. The producer (an audio callback)
/// never blocks, never allocates and never waits: a write that does not fit is refused whole.
/// </summary>
public sealed class SpscAudioRing
{
    private readonly float[] _buffer;
    private readonly int _mask;
    private long _written; // advanced only by the producer
    private long _read;    // advanced only by the consumer

    public SpscAudioRing(int minimumCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumCapacity);
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)minimumCapacity);
        _buffer = new float[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _buffer.Length;

    public int Count => (int)(Volatile.Read(ref _written) - Volatile.Read(ref _read));

    /// <summary>Producer side. Returns false, writing nothing, when the samples do not fit.</summary>
    public bool TryWrite(ReadOnlySpan<float> samples)
    {
        long written = _written;
        long read = Volatile.Read(ref _read);
        if (samples.Length > _buffer.Length - (written - read))
        {
            return false;
        }

        int start = (int)(written & _mask);
        int first = Math.Min(samples.Length, _buffer.Length - start);
        samples[..first].CopyTo(_buffer.AsSpan(start));
        samples[first..].CopyTo(_buffer);

        // Publish the samples only after they are in place.
        Volatile.Write(ref _written, written + samples.Length);
        return true;
    }

    /// <summary>Consumer side. Copies up to destination.Length samples; returns how many.</summary>
    public int Read(Span<float> destination)
    {
        long read = _read;
        long available = Volatile.Read(ref _written) - read;
        int count = (int)Math.Min(available, destination.Length);
        if (count == 0)
        {
            return 0;
        }

        int start = (int)(read & _mask);
        int first = Math.Min(count, _buffer.Length - start);
        _buffer.AsSpan(start, first).CopyTo(destination);
        _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        Volatile.Write(ref _read, read + count);
        return count;
    }
}
