namespace NeuralSynth.Neural.Kernels;

/// <summary>
/// Lays out every buffer of a model inside one float array so the hot loops address all state through
/// integer offsets into a single array (no pinning, no per-buffer bounds checks, one allocation in Prepare).
/// Each region starts on a 64-byte boundary relative to the array start.
/// </summary>
internal sealed class FloatArena
{
    private const int Alignment = 16;
    private int _length;
    private float[] _data = Array.Empty<float>();

    /// <summary>Reserves <paramref name="count"/> floats and returns the offset of the first.</summary>
    public int Reserve(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        int offset = _length;
        long end = (long)offset + ((count + Alignment - 1) / Alignment) * Alignment;
        if (end > Array.MaxLength) throw new InvalidOperationException("model buffers exceed the maximum array size");
        _length = (int)end;
        return offset;
    }

    /// <summary>Allocates the backing array once all regions are reserved (plus slack for vector tails).</summary>
    public void Allocate() => _data = new float[_length + Alignment * 4];

    public float[] Data => _data;

    public int Length => _length;

    public void Clear() => Array.Clear(_data);

    public Span<float> Span(int offset, int count) => _data.AsSpan(offset, count);
}
