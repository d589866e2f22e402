using System.Numerics.Tensors;

namespace NeuralSynth.Rave.Dsp;

/// <summary>
/// Streaming PQMF synthesis of one channel: M band signals of T frames become M·T samples. Bands are kept
/// frame-major so each output sample is one contiguous dot product over the last Taps/M frames; the state is
/// the previous Taps/M − 1 frames.
/// </summary>
internal sealed class PqmfSynthesis
{
    private readonly PqmfFilters _filters;
    private readonly float[] _frames; // frame-major: [history frames | chunk frames] × M
    private readonly int _historyValues;

    public PqmfSynthesis(PqmfFilters filters, int maxFrames)
    {
        if (maxFrames < 1) throw new ArgumentOutOfRangeException(nameof(maxFrames));
        _filters = filters;
        _historyValues = filters.Taps - filters.Bands;
        _frames = new float[_historyValues + maxFrames * filters.Bands];
    }

    public void Reset() => Array.Clear(_frames);

    /// <param name="bands">Band-major input [M, T].</param>
    /// <param name="output">M·T samples.</param>
    public void Process(ReadOnlySpan<float> bands, Span<float> output)
    {
        int m = _filters.Bands, taps = _filters.Taps;
        int frames = bands.Length / m;
        for (int k = 0; k < m; k++)
        {
            ReadOnlySpan<float> band = bands.Slice(k * frames, frames);
            for (int t = 0; t < frames; t++) _frames[_historyValues + t * m + k] = band[t];
        }
        for (int t = 0; t < frames; t++)
        {
            ReadOnlySpan<float> window = _frames.AsSpan(t * m, taps);
            for (int r = 0; r < m; r++) output[t * m + r] = TensorPrimitives.Dot(_filters.SynthesisByPhase[r], window);
        }
        _frames.AsSpan(frames * m, _historyValues).CopyTo(_frames);
    }
}
