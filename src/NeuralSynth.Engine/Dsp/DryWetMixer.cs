namespace NeuralSynth.Engine.Dsp;

/// <summary>
/// Mixes a processed (wet) signal with its input (dry) delayed by the processor's latency, so the two line up
/// and dry/wet never combs. Per channel: push the input before it is overwritten, then mix.
/// </summary>
public sealed class DryWetMixer
{
    private readonly DelayLine[] _dry;

    /// <param name="channels">Channels mixed.</param>
    /// <param name="capacity">Delay-line length: the largest latency plus the largest block.</param>
    public DryWetMixer(int channels, int capacity)
    {
        _dry = new DelayLine[channels];
        for (int c = 0; c < channels; c++) _dry[c] = new DelayLine(capacity);
    }

    public int ChannelCount => _dry.Length;

    public void Clear()
    {
        foreach (var line in _dry) line.Clear();
    }

    /// <summary>Pushes one channel's input on the dry path, delayed by <paramref name="latency"/> samples.</summary>
    public void PushDry(int channel, ReadOnlySpan<float> input, int latency) => _dry[channel].Process(input, latency);

    /// <summary>The delayed dry signal of the last <see cref="PushDry"/> on <paramref name="channel"/>.</summary>
    public ReadOnlySpan<float> Dry(int channel, int length) => _dry[channel].LastOutput(length);

    /// <summary>output = dry + mix·(wet − dry), per sample; <paramref name="mix"/> is the wet share, 0..1.</summary>
    public void Mix(int channel, ReadOnlySpan<float> wet, ReadOnlySpan<float> mix, Span<float> output)
    {
        ReadOnlySpan<float> dry = _dry[channel].LastOutput(output.Length);
        for (int i = 0; i < output.Length; i++) output[i] = dry[i] + mix[i] * (wet[i] - dry[i]);
    }
}
