namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// The note posteriorgram minus what has been explained by notes so far. Values only ever drop to
/// zero, so a per-frame maximum kept up to date makes the melodia trick's repeated global argmax
/// cost O(frames) instead of O(frames × keys) per note.
/// </summary>
internal sealed class RemainingEnergy
{
    private double[] _values = [];
    private double[] _rowMax = [];
    private bool[] _rowDirty = [];

    /// <summary>Starts over from <paramref name="frames"/> (row-major, <paramref name="bins"/> wide), reusing the
    /// buffers of earlier decodes.</summary>
    public void Reset(ReadOnlySpan<double> frames, int bins)
    {
        Bins = bins;
        Frames = frames.Length / bins;
        frames.CopyTo(NoteDecoderWorkspace.Take(ref _values, frames.Length));
        NoteDecoderWorkspace.Take(ref _rowMax, Frames);
        NoteDecoderWorkspace.Take(ref _rowDirty, Frames).Fill(true);
    }

    public int Frames { get; private set; }
    public int Bins { get; private set; }

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
