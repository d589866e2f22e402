namespace NeuralSynth.Neural.Kernels;

/// <summary>
/// A dense weight matrix W (<see cref="Rows"/> x <see cref="Columns"/>) plus an optional bias, repacked for
/// <see cref="RowMatrixKernel"/>: rows are grouped in tiles of <see cref="TileRows"/> and within a tile the
/// weights of one input column are adjacent, so the kernel reads each tile as one forward stream.
/// </summary>
internal sealed class PackedRowMatrix
{
    public const int TileRows = 4;

    public PackedRowMatrix(int rows, int columns, bool hasBias)
    {
        if (rows <= 0 || columns <= 0) throw new ArgumentOutOfRangeException(nameof(rows), "matrix must be non-empty");
        Rows = rows;
        Columns = columns;
        HasBias = hasBias;
        int tiles = (rows + TileRows - 1) / TileRows;
        Packed = new float[tiles * TileRows * columns];
        Bias = new float[tiles * TileRows];
    }

    public int Rows { get; }
    public int Columns { get; }
    public bool HasBias { get; }

    /// <summary>[tile][column][row-in-tile]; rows past <see cref="Rows"/> are zero.</summary>
    internal float[] Packed { get; }

    /// <summary>Bias padded to whole tiles; all zero when <see cref="HasBias"/> is false.</summary>
    internal float[] Bias { get; }

    public float this[int row, int column]
    {
        get => Packed[Index(row, column)];
        set => Packed[Index(row, column)] = value;
    }

    public void SetBias(int row, float value)
    {
        if (!HasBias) throw new InvalidOperationException("matrix has no bias");
        Bias[row] = value;
    }

    public float GetBias(int row) => Bias[row];

    private int Index(int row, int column)
    {
        if ((uint)row >= (uint)Rows || (uint)column >= (uint)Columns) throw new ArgumentOutOfRangeException(nameof(row));
        int tile = row / TileRows;
        return (tile * Columns + column) * TileRows + row % TileRows;
    }
}
