namespace NeuralSynth.Neural.Kernels;

/// <summary>
/// A channel-major signal history inside a <see cref="FloatArena"/>: each row holds <see cref="Lookback"/>
/// past columns followed by room for new blocks. Reads of past samples are plain contiguous spans (what the
/// vector kernels need); when the write position nears the row end the last <see cref="Lookback"/> columns
/// are copied back to the start ("rewind"), which costs one small copy every few dozen blocks instead of a
/// modulo on every access.
/// </summary>
internal sealed class HistoryMatrix
{
    private readonly int _offset;
    private readonly int _capacity;
    private float[] _data = Array.Empty<float>();

    /// <param name="arena">Arena that will own the storage.</param>
    /// <param name="rows">Channels.</param>
    /// <param name="lookback">How many past columns must stay readable.</param>
    /// <param name="maxPaddedBlock">Largest (padded) block written at once.</param>
    public HistoryMatrix(FloatArena arena, int rows, int lookback, int maxPaddedBlock)
    {
        Rows = rows;
        Lookback = lookback;
        // Room for many blocks so rewinds are rare; at least 2048 columns beyond the lookback.
        _capacity = Math.Max(maxPaddedBlock * 8, 2048);
        RowStride = lookback + _capacity + maxPaddedBlock;
        _offset = arena.Reserve(checked(rows * RowStride));
    }

    public int Rows { get; }
    public int Lookback { get; }
    public int RowStride { get; }

    /// <summary>Column where the current block starts.</summary>
    public int Position { get; private set; }

    /// <summary>Binds to the arena's array once it is allocated.</summary>
    public void Bind(float[] data)
    {
        _data = data;
        Reset();
    }

    public void Reset()
    {
        Array.Clear(_data, _offset, Rows * RowStride);
        Position = Lookback;
    }

    /// <summary>Arena offset of (row, Position - delay).</summary>
    public int At(int row, int delay) => _offset + row * RowStride + Position - delay;

    /// <summary>Makes sure <paramref name="paddedColumns"/> can be written at <see cref="Position"/>.</summary>
    public void EnsureRoom(int paddedColumns)
    {
        if (Position + paddedColumns <= RowStride) return;
        for (int r = 0; r < Rows; r++)
        {
            int rowStart = _offset + r * RowStride;
            Array.Copy(_data, rowStart + Position - Lookback, _data, rowStart, Lookback);
        }
        Position = Lookback;
    }

    public void Advance(int columns) => Position += columns;
}
