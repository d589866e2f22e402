using System.Globalization;

namespace NeuralSynth.Cli.Soak;

/// <summary>What a soak run measured on its audio thread.</summary>
public sealed class SoakReport
{
    public long Blocks { get; set; }
    /// <summary>Live block count for progress output, written by the audio thread.</summary>
    public long BlocksCounter;
    public double AudioSeconds { get; set; }
    public double WallSeconds { get; set; }
    public double ProcessingSeconds { get; set; }
    public double MaxBlockMilliseconds { get; set; }
    public double MaxBlockPeriodMilliseconds { get; set; }
    /// <summary>Largest processing time as a fraction of that block's own duration.</summary>
    public double MaxBlockLoad { get; set; }
    public long DeadlineMisses { get; set; }
    public long AllocatedBytes { get; set; }
    public long NonFiniteSamples { get; set; }
    public long GuardReplacements { get; set; }
    public long EventQueueOverruns { get; set; }
    public long VoicesStolen { get; set; }
    public long ModelSwaps { get; set; }
    public long GeneratedNotes { get; set; }
    public long LateGeneratedNotes { get; set; }
    public long RaveOverruns { get; set; }
    public string Components { get; set; } = "";

    public bool Clean => AllocatedBytes == 0 && NonFiniteSamples == 0;

    public override string ToString() => string.Join(Environment.NewLine, new[]
    {
        $"soak: {Components}",
        Line("audio rendered", $"{AudioSeconds:0.0} s in {WallSeconds:0.0} s wall ({Blocks} blocks, random sizes)"),
        Line("average DSP load", $"{100 * ProcessingSeconds / Math.Max(AudioSeconds, 1e-9):0.0} % of real time"),
        Line("max block time", $"{MaxBlockMilliseconds:0.000} ms (that block's period {MaxBlockPeriodMilliseconds:0.000} ms)"),
        Line("max block load", $"{100 * MaxBlockLoad:0.0} % of its period"),
        Line("deadline misses", $"{DeadlineMisses} ({100.0 * DeadlineMisses / Math.Max(Blocks, 1):0.000} % of blocks)"),
        Line("audio-thread allocations", $"{AllocatedBytes} bytes"),
        Line("NaN/Inf samples out", NonFiniteSamples.ToString(CultureInfo.InvariantCulture)),
        Line("guard replacements", GuardReplacements.ToString(CultureInfo.InvariantCulture)),
        Line("event queue overruns", EventQueueOverruns.ToString(CultureInfo.InvariantCulture)),
        Line("voices stolen", VoicesStolen.ToString(CultureInfo.InvariantCulture)),
        Line("effect model swaps", ModelSwaps.ToString(CultureInfo.InvariantCulture)),
        Line("generated notes sent", $"{GeneratedNotes} ({LateGeneratedNotes} arrived too late)"),
        Line("result", Clean ? "CLEAN" : "FAILED (allocations or NaN/Inf on the audio thread)"),
    });

    private static string Line(string name, string value) => $"  {name,-26} {value}";
}
