using NeuralSynth.Transcription.Model;

namespace NeuralSynth.Transcription.Streaming;

/// <summary>
/// The stitched posteriorgrams received so far, in absolute frame numbers, with the oldest frames
/// dropped once they fall out of the decoding history.
/// </summary>
internal sealed class FrameHistory
{
    private const int HalfOverlap = BasicPitchConstants.OverlapFrames / 2;
    private const int Kept = BasicPitchConstants.FramesKeptPerWindow;
    private readonly List<float> _note = [];
    private readonly List<float> _onset = [];
    private readonly List<float> _contour = [];

    /// <summary>Absolute index of the oldest frame held.</summary>
    public int FirstFrame { get; private set; }

    /// <summary>One past the newest frame held.</summary>
    public int EndFrame => FirstFrame + _note.Count / BasicPitchConstants.NoteBins;

    public void AppendWindow(ReadOnlySpan<float> note, ReadOnlySpan<float> onset, ReadOnlySpan<float> contour)
    {
        _note.AddRange(note.Slice(HalfOverlap * BasicPitchConstants.NoteBins, Kept * BasicPitchConstants.NoteBins));
        _onset.AddRange(onset.Slice(HalfOverlap * BasicPitchConstants.NoteBins, Kept * BasicPitchConstants.NoteBins));
        _contour.AddRange(contour.Slice(HalfOverlap * BasicPitchConstants.ContourBins, Kept * BasicPitchConstants.ContourBins));
    }

    /// <summary>Copies frames [from, to) out as a model output.</summary>
    public BasicPitchOutput Slice(int from, int to)
    {
        from = Math.Max(from, FirstFrame);
        to = Math.Min(to, EndFrame);
        int frames = Math.Max(0, to - from);
        int offset = from - FirstFrame;
        return new BasicPitchOutput(
            Copy(_note, offset, frames, BasicPitchConstants.NoteBins),
            Copy(_onset, offset, frames, BasicPitchConstants.NoteBins),
            Copy(_contour, offset, frames, BasicPitchConstants.ContourBins));
    }

    public void DropBefore(int frame)
    {
        int drop = Math.Min(frame, EndFrame) - FirstFrame;
        if (drop <= 0)
        {
            return;
        }

        _note.RemoveRange(0, drop * BasicPitchConstants.NoteBins);
        _onset.RemoveRange(0, drop * BasicPitchConstants.NoteBins);
        _contour.RemoveRange(0, drop * BasicPitchConstants.ContourBins);
        FirstFrame += drop;
    }

    private static ActivationMatrix Copy(List<float> source, int offset, int frames, int bins)
    {
        var data = new float[frames * bins];
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source).Slice(offset * bins, data.Length).CopyTo(data);
        return new ActivationMatrix(frames, bins, data);
    }
}
