using System.Numerics.Tensors;

namespace NeuralSynth.Rave.Dsp;

/// <summary>
/// Streaming PQMF analysis of one channel: a chunk of M·T samples becomes M band signals of T frames. The only
/// state is the last Taps−M input samples, so chunked analysis equals whole-signal analysis exactly.
/// </summary>
internal sealed class PqmfAnalysis
{
    private readonly PqmfFilters _filters;
    private readonly float[] _buffer; // [history (Taps - M) | chunk]
    private readonly int _history;

    public PqmfAnalysis(PqmfFilters filters, int maxChunk)
    {
        if (maxChunk < filters.Bands || maxChunk % filters.Bands != 0) throw new ArgumentOutOfRangeException(nameof(maxChunk));
        _filters = filters;
        _history = filters.Taps - filters.Bands;
        _buffer = new float[_history + maxChunk];
    }

    public void Reset() => Array.Clear(_buffer);

    /// <param name="input">M·T samples.</param>
    /// <param name="bands">Band-major output [M, T] (the graph's [1, M, T] layout).</param>
    public void Process(ReadOnlySpan<float> input, Span<float> bands)
    {
        int m = _filters.Bands, taps = _filters.Taps;
        int frames = input.Length / m;
        input.CopyTo(_buffer.AsSpan(_history));
        for (int t = 0; t < frames; t++)
        {
            ReadOnlySpan<float> window = _buffer.AsSpan(t * m, taps);
            for (int k = 0; k < m; k++) bands[k * frames + t] = TensorPrimitives.Dot(_filters.AnalysisReversed[k], window);
        }
        _buffer.AsSpan(input.Length, _history).CopyTo(_buffer); // keep the newest Taps - M samples
    }
}
