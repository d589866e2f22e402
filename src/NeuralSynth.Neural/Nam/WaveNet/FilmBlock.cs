using System.Numerics.Tensors;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// Runs one <see cref="FilmConfig"/> site: scale (and shift) = Conv1x1(condition), then
/// <c>out = in · scale (+ shift)</c> row by row. Source and destination may be the same rows (in place).
/// </summary>
internal sealed class FilmBlock
{
    private readonly PackedRowMatrix _scaleShift;
    private readonly int[] _conditionSources;
    private readonly bool _shift;

    public FilmBlock(FilmConfig config, int conditionSize, int channels)
    {
        Channels = channels;
        Groups = config.Groups;
        _shift = config.Shift;
        _scaleShift = new PackedRowMatrix(config.Outputs(channels), conditionSize, hasBias: true);
        _conditionSources = new int[conditionSize];
    }

    public int Channels { get; }
    public int Groups { get; }

    /// <summary>Rows of scratch <see cref="Apply"/> needs.</summary>
    public int ScratchRows => _scaleShift.Rows;

    public void LoadWeights(WeightCursor weights)
    {
        GroupedWeights.Load(weights, _scaleShift, _scaleShift.Rows, _conditionSources.Length, Groups);
        GroupedWeights.LoadBias(weights, _scaleShift, _scaleShift.Rows);
    }

    /// <param name="data">Model arena.</param>
    /// <param name="condition">Condition rows (stride <paramref name="padded"/>).</param>
    /// <param name="scratch">At least <see cref="ScratchRows"/> rows of stride <paramref name="padded"/>.</param>
    public void Apply(float[] data, int condition, int scratch, int source, int sourceStride,
        int destination, int destinationStride, int padded)
    {
        for (int m = 0; m < _conditionSources.Length; m++) _conditionSources[m] = condition + m * padded;
        RowMatrixKernel.Multiply(_scaleShift, data, _conditionSources, scratch, padded, -1, 0, padded);
        for (int r = 0; r < Channels; r++)
        {
            var input = data.AsSpan(source + r * sourceStride, padded);
            var output = data.AsSpan(destination + r * destinationStride, padded);
            var scale = data.AsSpan(scratch + r * padded, padded);
            if (_shift) TensorPrimitives.MultiplyAdd(input, scale, data.AsSpan(scratch + (Channels + r) * padded, padded), output);
            else TensorPrimitives.Multiply(input, scale, output);
        }
    }

    /// <summary>In place on rows of stride <paramref name="padded"/>.</summary>
    public void ApplyInPlace(float[] data, int condition, int scratch, int rows, int padded) =>
        Apply(data, condition, scratch, rows, padded, rows, padded, padded);
}
