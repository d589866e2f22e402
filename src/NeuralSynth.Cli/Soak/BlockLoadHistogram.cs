namespace NeuralSynth.Cli.Soak;

/// <summary>
/// Block times as a fraction of their block's period, binned at 0.1 % up to 1000 %, so the audio thread can record
/// every block without allocating and the soak can report worst-case percentiles (hosts judge a plug-in by its
/// slowest blocks, not by its average).
/// </summary>
public sealed class BlockLoadHistogram
{
    private const double BinWidth = 0.001;
    private readonly long[] _bins = new long[10_000];
    private long _overflow;

    public long Count { get; private set; }
    public double Max { get; private set; }

    public void Add(double load)
    {
        Count++;
        if (load > Max) Max = load;
        int bin = (int)(load / BinWidth);
        if ((uint)bin < (uint)_bins.Length) _bins[bin]++;
        else _overflow++;
    }

    public void Clear()
    {
        Array.Clear(_bins);
        _overflow = 0;
        Count = 0;
        Max = 0;
    }

    /// <summary>The load at or below which <paramref name="fraction"/> of the blocks fall (upper edge of its bin; the
    /// exact maximum when the quantile lies in the overflow).</summary>
    public double Quantile(double fraction)
    {
        if (Count == 0) return 0;
        long rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (int i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen >= rank) return Math.Min((i + 1) * BinWidth, Max);
        }
        return Max;
    }
}
