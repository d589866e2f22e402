namespace NeuralSynth.Engine.Core;

/// <summary>
/// A view of <see cref="Length"/> frames starting at <see cref="Start"/> in a set of planar channel buffers.
/// A struct so slicing a host block at event boundaries costs nothing.
/// </summary>
public readonly struct AudioBlock
{
    private readonly float[][] _channels;

    public AudioBlock(float[][] channels, int start, int length)
    {
        _channels = channels;
        Start = start;
        Length = length;
    }

    public int Start { get; }
    public int Length { get; }
    public int ChannelCount => _channels.Length;

    public Span<float> Channel(int index) => _channels[index].AsSpan(Start, Length);

    public AudioBlock Slice(int offset, int length) => new(_channels, Start + offset, length);

    public void Clear()
    {
        for (int c = 0; c < _channels.Length; c++) Channel(c).Clear();
    }
}
