using System.Diagnostics;

namespace NeuralSynth.Cli.Soak;

/// <summary>
/// The few blocks with the most CPU time, with when they ran on the monotonic clock (Stopwatch's clock on Linux,
/// the one <c>perf record -k mono</c> stamps its samples with), so a profile's samples inside each can be picked
/// out: what a spike was doing, rather than what the thread does on average. Fixed arrays: nothing allocates.
/// </summary>
public sealed class SlowestBlocks(int capacity = 5)
{
    public const int MaxCapacity = 500;
    private readonly double[] _load = new double[capacity], _source = new double[capacity];
    private readonly long[] _start = new long[capacity], _end = new long[capacity];

    public int Capacity { get; } = capacity;

    public int Count { get; private set; }

    /// <param name="excluded">A block the soak leaves out of its CPU maxima (JIT compilation, a collection, a clock
    /// anomaly): left out here too.</param>
    public void Add(double cpuLoad, double sourceLoad, long startTimestamp, long endTimestamp, bool excluded)
    {
        if (excluded) return;
        if (Count == Capacity && cpuLoad <= _load[Capacity - 1]) return;
        int i = Count < Capacity ? Count++ : Capacity - 1;
        while (i > 0 && _load[i - 1] < cpuLoad)
        {
            (_load[i], _source[i], _start[i], _end[i]) = (_load[i - 1], _source[i - 1], _start[i - 1], _end[i - 1]);
            i--;
        }
        (_load[i], _source[i], _start[i], _end[i]) = (cpuLoad, sourceLoad, startTimestamp, endTimestamp);
    }

    public void Clear() => Count = 0;

    /// <summary>"312.0 % (source 290.1 %) at 57645.123456-57645.127456 s", slowest first.</summary>
    public IEnumerable<string> Describe()
    {
        for (int i = 0; i < Count; i++)
            yield return $"{100 * _load[i]:0.0} % (source {100 * _source[i]:0.0} %) at {Seconds(_start[i]):0.000000}-{Seconds(_end[i]):0.000000} s";
    }

    private static double Seconds(long timestamp) => (double)timestamp / Stopwatch.Frequency;
}
