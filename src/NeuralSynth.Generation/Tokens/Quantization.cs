namespace NeuralSynth.Generation.Tokens;

/// <summary>
/// The quantisation the REMI scheme applies (shared by tokenizer, MIDI import and the attribute extractor):
/// onsets and durations are rounded to the nearest sixteenth note; durations are clipped to 1..32 sixteenths
/// (two 4/4 bars); velocity falls into 8 bins of 16 MIDI steps, decoded to the bin centre; tempo snaps to the
/// nearest of 16 buckets on a log scale.
/// </summary>
internal static class Quantization
{
    public const int StepsPerQuarter = 4;
    public const int MaxBarSteps = 16;
    public const int MinDuration = 1;
    public const int MaxDuration = 32;
    public const int VelocityBins = 8;
    public const int MinPitch = 21;
    public const int MaxPitch = 108;

    public static readonly double[] TempoBuckets =
        [48, 56, 63, 70, 76, 84, 92, 100, 108, 116, 126, 136, 148, 160, 176, 192];

    public static int VelocityBin(int velocity) => Math.Clamp(velocity, 0, 127) / 16;

    public static int BinVelocity(int bin) => Math.Clamp(bin, 0, VelocityBins - 1) * 16 + 8;

    public static int QuantizeVelocity(int velocity) => BinVelocity(VelocityBin(velocity));

    public static int ClipDuration(int steps) => Math.Clamp(steps, MinDuration, MaxDuration);

    public static int TempoBucket(double bpm)
    {
        double logBpm = Math.Log(Math.Max(bpm, 1.0));
        int best = 0;
        for (int i = 1; i < TempoBuckets.Length; i++)
        {
            if (Math.Abs(Math.Log(TempoBuckets[i]) - logBpm) < Math.Abs(Math.Log(TempoBuckets[best]) - logBpm)) best = i;
        }
        return best;
    }

    public static double QuantizeTempo(double bpm) => TempoBuckets[TempoBucket(bpm)];

    /// <summary>Rounds a tick position to the nearest sixteenth (half rounds up, so it is stable for ties).</summary>
    public static int TicksToSteps(long ticks, int ticksPerQuarter) =>
        (int)Math.Floor(ticks * (double)StepsPerQuarter / ticksPerQuarter + 0.5);
}
