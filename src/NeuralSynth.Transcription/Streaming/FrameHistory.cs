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

    /// <summary>Note posteriorgram rows for frames [from, to) (clamped to what is held), in place: valid until the
    /// history next changes.</summary>
    public ReadOnlySpan<float> Note(int from, int to) => Rows(_note, from, to, BasicPitchConstants.NoteBins);

    public ReadOnlySpan<float> Onset(int from, int to) => Rows(_onset, from, to, BasicPitchConstants.NoteBins);

    public ReadOnlySpan<float> Contour(int from, int to) => Rows(_contour, from, to, BasicPitchConstants.ContourBins);

    private ReadOnlySpan<float> Rows(List<float> source, int from, int to, int bins)
    {
        from = Math.Max(from, FirstFrame);
        to = Math.Min(to, EndFrame);
        int frames = Math.Max(0, to - from);
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(source).Slice((from - FirstFrame) * bins, frames * bins);
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
}
