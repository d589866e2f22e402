namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// The note posteriorgram minus what has been explained by notes so far. Values only ever drop to
/// zero, so a per-frame maximum kept up to date makes the melodia trick's repeated global argmax
/// cost O(frames) instead of O(frames × keys) per note.
/// </summary>
internal sealed class RemainingEnergy
{
    private readonly double[] _values;
    private readonly double[] _rowMax;
    private readonly bool[] _rowDirty;

    public RemainingEnergy(double[] frames, int bins)
    {
        _values = (double[])frames.Clone();
        Bins = bins;
        Frames = frames.Length / bins;
        _rowMax = new double[Frames];
        _rowDirty = new bool[Frames];
        for (int t = 0; t < Frames; t++)
        {
            _rowDirty[t] = true;
        }
    }

    public int Frames { get; }
    public int Bins { get; }

    public double this[int frame, int bin] => _values[frame * Bins + bin];

    /// <summary>Zeroes a key and its two neighbours (a note's energy leaks into adjacent semitones).</summary>
    public void ClearWithNeighbours(int frame, int bin)
    {
        Clear(frame, bin);
        if (bin < Bins - 1)
        {
            Clear(frame, bin + 1);
        }

        if (bin > 0)
        {
            Clear(frame, bin - 1);
        }
    }

    public void Clear(int frame, int bin)
    {
        _values[frame * Bins + bin] = 0;
        _rowDirty[frame] = true;
    }

    /// <summary>Largest value and its first position in row-major order, as numpy's argmax reports it.</summary>
    public (double Value, int Frame, int Bin) ArgMax()
    {
        double best = double.NegativeInfinity;
        int bestFrame = 0;
        for (int t = 0; t < Frames; t++)
        {
            double m = RowMax(t);
            if (m > best)
            {
                best = m;
                bestFrame = t;
            }
        }

        if (Frames == 0)
        {
            return (0, 0, 0);
        }

        ReadOnlySpan<double> row = _values.AsSpan(bestFrame * Bins, Bins);
        int bestBin = row.IndexOf(best);
        return (best, bestFrame, bestBin);
    }

    private double RowMax(int frame)
    {
        if (_rowDirty[frame])
        {
            double m = double.NegativeInfinity;
            foreach (double v in _values.AsSpan(frame * Bins, Bins))
            {
                m = Math.Max(m, v);
            }

            _rowMax[frame] = m;
            _rowDirty[frame] = false;
        }

        return _rowMax[frame];
    }
}
