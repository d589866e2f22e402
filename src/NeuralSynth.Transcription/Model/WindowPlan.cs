namespace NeuralSynth.Transcription.Model;

/// <summary>
/// How upstream cuts 22.05 kHz audio into model windows: the signal is prefixed with half the
/// overlap of silence (so the first kept frame lines up with t = 0), then cut into windows of
/// 43844 samples stepping by 36164, the last one zero-padded.
/// </summary>
internal static class WindowPlan
{
    public const int LeadingPadding = BasicPitchConstants.OverlapSamples / 2;

    public static int WindowCount(long audioLength)
    {
        long padded = audioLength + LeadingPadding;
        return (int)((padded + BasicPitchConstants.WindowHopSamples - 1) / BasicPitchConstants.WindowHopSamples);
    }

    /// <summary>Frames kept after stitching: upstream trims to floor(n · 86 / 22050).</summary>
    public static int OutputFrameCount(long audioLength)
        => (int)(audioLength * BasicPitchConstants.AnnotationsFps / BasicPitchConstants.SampleRate);

    /// <summary>Start of window <paramref name="index"/> in unpadded audio coordinates (negative for the first).</summary>
    public static long WindowStart(int index) => (long)index * BasicPitchConstants.WindowHopSamples - LeadingPadding;

    /// <summary>Copies window <paramref name="index"/> of <paramref name="audio"/> into <paramref name="window"/>, zero outside the signal.</summary>
    public static void FillWindow(ReadOnlySpan<float> audio, int index, Span<float> window)
    {
        window.Clear();
        long start = WindowStart(index);
        long from = Math.Max(0, start);
        long to = Math.Min(audio.Length, start + BasicPitchConstants.WindowSamples);
        if (to > from)
        {
            audio[(int)from..(int)to].CopyTo(window[(int)(from - start)..]);
        }
    }
}
