namespace NeuralSynth.Transcription.Model;

/// <summary>Runs the network over a whole 22.05 kHz signal, window by window, and stitches the result.</summary>
internal static class WindowedInference
{
    public static BasicPitchOutput Run(BasicPitchModel model, ReadOnlySpan<float> audio, IProgress<double>? progress, bool trim = true)
    {
        int windows = WindowPlan.WindowCount(audio.Length);
        var window = new float[BasicPitchConstants.WindowSamples];
        var note = new float[BasicPitchConstants.FramesPerWindow * BasicPitchConstants.NoteBins];
        var onset = new float[note.Length];
        var contour = new float[BasicPitchConstants.FramesPerWindow * BasicPitchConstants.ContourBins];
        var stitcher = new OutputStitcher();
        for (int w = 0; w < windows; w++)
        {
            WindowPlan.FillWindow(audio, w, window);
            model.Run(window, note, onset, contour);
            stitcher.Append(note, onset, contour);
            progress?.Report((double)(w + 1) / windows);
        }

        return stitcher.ToOutput(trim ? WindowPlan.OutputFrameCount(audio.Length) : stitcher.Frames);
    }
}
