namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// Adds onsets where the note posteriorgram jumps up, because the onset head misses re-articulated
/// notes: the smaller of the 1- and 2-frame rises, rescaled to the onset head's peak, is merged
/// with the predicted onsets by taking the maximum.
/// </summary>
internal static class InferredOnsets
{
    private const int Differences = 2;

    public static void Merge(Span<double> onsets, ReadOnlySpan<double> frames, int bins, Span<double> rise)
    {
        int count = frames.Length / bins;
        rise.Clear();
        double riseMax = 0;
        for (int t = Differences; t < count; t++)
        {
            for (int b = 0; b < bins; b++)
            {
                double current = frames[t * bins + b];
                double smallest = double.MaxValue;
                for (int n = 1; n <= Differences; n++)
                {
                    smallest = Math.Min(smallest, current - frames[(t - n) * bins + b]);
                }

                double value = Math.Max(0.0, smallest);
                rise[t * bins + b] = value;
                riseMax = Math.Max(riseMax, value);
            }
        }

        if (riseMax <= 0)
        {
            return;
        }

        double scale = Max(onsets) / riseMax;
        for (int i = 0; i < onsets.Length; i++)
        {
            onsets[i] = Math.Max(onsets[i], rise[i] * scale);
        }
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
