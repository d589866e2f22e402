namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// Converts stitched frame indices to seconds the way upstream does. Windows advance by 36164
/// samples but contribute 142 × 256 = 36352 samples' worth of frames, so the frame clock drifts
/// ahead by a fixed amount per window; upstream subtracts that drift plus an empirical 1.8 ms.
/// </summary>
internal static class FrameTimes
{
    private const double FrameSeconds = (double)BasicPitchConstants.FftHop / BasicPitchConstants.SampleRate;

    private const double WindowOffsetSeconds =
        FrameSeconds * (BasicPitchConstants.FramesPerWindow - (double)BasicPitchConstants.WindowSamples / BasicPitchConstants.FftHop)
        + 0.0018;

    public static double ToSeconds(int frame)
    {
        int window = frame / BasicPitchConstants.FramesPerWindow;
        return frame * FrameSeconds - WindowOffsetSeconds * window;
    }
}
