namespace NeuralSynth.Transcription.Model;

/// <summary>
/// Joins per-window outputs into continuous posteriorgrams: half the overlap (15 frames) is cut
/// from both ends of each window, which leaves exactly one copy of every frame.
/// </summary>
internal sealed class OutputStitcher
{
    private const int HalfOverlap = BasicPitchConstants.OverlapFrames / 2;
    private readonly List<float> _note = [];
    private readonly List<float> _onset = [];
    private readonly List<float> _contour = [];

    public int Frames { get; private set; }

    public void Append(ReadOnlySpan<float> note, ReadOnlySpan<float> onset, ReadOnlySpan<float> contour)
    {
        AppendKept(_note, note, BasicPitchConstants.NoteBins);
        AppendKept(_onset, onset, BasicPitchConstants.NoteBins);
        AppendKept(_contour, contour, BasicPitchConstants.ContourBins);
        Frames += BasicPitchConstants.FramesKeptPerWindow;
    }

    /// <summary>Builds the matrices, trimmed to <paramref name="frames"/> rows (at most what was appended).</summary>
    public BasicPitchOutput ToOutput(int frames)
    {
        frames = Math.Min(frames, Frames);
        return new BasicPitchOutput(
            Take(_note, frames, BasicPitchConstants.NoteBins),
            Take(_onset, frames, BasicPitchConstants.NoteBins),
            Take(_contour, frames, BasicPitchConstants.ContourBins));
    }

    private static void AppendKept(List<float> target, ReadOnlySpan<float> window, int bins)
    {
        int keptFrames = BasicPitchConstants.FramesKeptPerWindow;
        target.AddRange(window.Slice(HalfOverlap * bins, keptFrames * bins));
    }

    private static ActivationMatrix Take(List<float> source, int frames, int bins)
    {
        var data = new float[frames * bins];
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source)[..data.Length].CopyTo(data);
        return new ActivationMatrix(frames, bins, data);
    }
}
