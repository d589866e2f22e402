namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// The scratch memory of one <see cref="NoteDecoder"/> user, kept between decodes. The streaming transcriber
/// re-decodes up to a few thousand frames of history every window; allocating that scratch afresh each time put
/// megabytes a second on the large-object heap, and the gen-2 collections it forced paused every managed thread,
/// the plug-in's audio thread included. Buffers only grow (doubling), so a stream of bounded history stops
/// allocating once they reach its size.
/// </summary>
internal sealed class NoteDecoderWorkspace
{
    private double[] _frames = [];
    private double[] _onsets = [];
    private double[] _rise = [];

    public RemainingEnergy Remaining { get; } = new();
    public List<FrameNote> Notes { get; } = [];

    public Span<double> Frames(int length) => Take(ref _frames, length);
    public Span<double> Onsets(int length) => Take(ref _onsets, length);
    public Span<double> Rise(int length) => Take(ref _rise, length);

    internal static Span<T> Take<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[Math.Max(length, 2 * buffer.Length)];
        return buffer.AsSpan(0, length);
    }
}
