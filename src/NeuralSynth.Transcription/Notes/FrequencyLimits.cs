namespace NeuralSynth.Transcription.Notes;

/// <summary>Silences note bins outside the requested frequency range (upstream's constrain_frequency).</summary>
internal static class FrequencyLimits
{
    public static void Apply(Span<double> onsets, Span<double> frames, int bins, double? minHz, double? maxHz)
    {
        if (maxHz is double max)
        {
            int from = Math.Clamp(BinOf(max), 0, bins);
            ZeroColumns(onsets, bins, from, bins);
            ZeroColumns(frames, bins, from, bins);
        }

        if (minHz is double min)
        {
            int to = Math.Clamp(BinOf(min), 0, bins);
            ZeroColumns(onsets, bins, 0, to);
            ZeroColumns(frames, bins, 0, to);
        }
    }

    /// <summary>Nearest key index (0 = A0) of a frequency, with numpy's half-to-even rounding.</summary>
    public static int BinOf(double hz)
        => (int)Math.Round(HzToMidi(hz) - BasicPitchConstants.MidiOffset, MidpointRounding.ToEven);

    public static double HzToMidi(double hz) => 12.0 * (Math.Log2(hz) - Math.Log2(440.0)) + 69.0;

    private static void ZeroColumns(Span<double> matrix, int bins, int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        for (int row = 0; row < matrix.Length; row += bins)
        {
            matrix.Slice(row + from, to - from).Clear();
        }
    }
}
