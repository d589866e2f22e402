using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Dsp;
using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Inference;

/// <summary>
/// The single-threaded streaming pipeline for one fixed chunk size: PQMF analysis (when the host runs it) →
/// encoder → latent controls → decoder → PQMF synthesis. Every call continues the stream: all convolution caches
/// and filter-bank histories carry over, so any chunking of a signal gives the same output as one call over the
/// whole signal. Nothing is allocated per chunk.
/// </summary>
internal sealed class RaveEngine : IDisposable
{
    private readonly RaveManifest _manifest;
    private readonly BoundGraph _encoder, _decoder;
    private readonly PqmfAnalysis[] _analysis = [];
    private readonly PqmfSynthesis[] _synthesis = [];
    private readonly PriorRunner? _prior;
    private readonly LatentShaper _shaper;
    private readonly int _graphSteps;
    private readonly LatentControlFrame _neutral = new();

    public RaveEngine(RaveModel model, int chunkSize, ulong seed = 1)
    {
        var m = model.Manifest;
        if (chunkSize < m.CompressionRatio || chunkSize % m.CompressionRatio != 0 || chunkSize > 1 << 26)
            throw new ArgumentOutOfRangeException(nameof(chunkSize), $"chunk size must be a positive multiple of the compression ratio {m.CompressionRatio}");
        _manifest = m;
        ChunkSize = chunkSize;
        LatentFrames = chunkSize / m.CompressionRatio;
        _graphSteps = chunkSize / m.GraphDecimation;
        Input = new float[m.Channels][];
        Output = new float[m.Channels][];
        for (int c = 0; c < m.Channels; c++)
        {
            Input[c] = new float[chunkSize];
            Output[c] = new float[chunkSize];
        }
        long[] audioShape = [1, m.GraphChannels, _graphSteps];
        long[] latentShape = [1, m.LatentSize, LatentFrames];
        _encoder = new BoundGraph(model.Encoder, m.Encoder.Input, audioShape, [(m.Encoder.Output, latentShape)], m.Encoder.States);
        _decoder = new BoundGraph(model.Decoder, m.Decoder.Input, latentShape, [(m.Decoder.Output, audioShape)], m.Decoder.States);
        if (m.Pqmf is { OnHost: true } p)
        {
            var filters = new PqmfFilters(p.Bands, p.Taps, p.Cutoff, p.Beta);
            _analysis = Enumerable.Range(0, m.Channels).Select(_ => new PqmfAnalysis(filters, chunkSize)).ToArray();
            _synthesis = Enumerable.Range(0, m.Channels).Select(_ => new PqmfSynthesis(filters, _graphSteps)).ToArray();
        }
        if (model.HasPrior) _prior = new PriorRunner(model);
        _shaper = new LatentShaper(m.LatentSize, _prior, seed, m.Pitch);
    }

    public int ChunkSize { get; }
    public int LatentFrames { get; }
    public int Channels => _manifest.Channels;
    public bool HasPrior => _prior != null;

    /// <summary>Per model channel, <see cref="ChunkSize"/> samples: written by the caller before <see cref="Process"/>.</summary>
    public float[][] Input { get; }

    /// <summary>Per model channel, <see cref="ChunkSize"/> samples: the result of the last <see cref="Process"/>.</summary>
    public float[][] Output { get; }

    /// <summary>The latents the last chunk was decoded from (after controls), [latent, frames].</summary>
    public ReadOnlySpan<float> DecodedLatents => _decoder.Input;

    /// <summary>The encoder's latents of the last chunk (before controls), [latent, frames].</summary>
    public ReadOnlySpan<float> EncodedLatents => _encoder.Output;

    /// <summary>Runs one chunk with neutral controls (the plain autoencoder).</summary>
    public void Process() => Process(_neutral);

    internal void Process(LatentControlFrame controls)
    {
        Encode();
        _shaper.Apply(_encoder.Output, _decoder.Input, LatentFrames, controls);
        Decode();
    }

    /// <summary>Audio (or bands) → latents; reads <see cref="Input"/>.</summary>
    internal void Encode()
    {
        int steps = _graphSteps;
        for (int c = 0; c < Channels; c++)
        {
            Span<float> graphIn = _encoder.Input.AsSpan(c * steps * _manifest.GraphDecimation, steps * _manifest.GraphDecimation);
            if (_analysis.Length > 0) _analysis[c].Process(Input[c], graphIn);
            else Input[c].CopyTo(graphIn);
        }
        _encoder.Run();
    }

    /// <summary>Latents (in the decoder's input buffer) → audio in <see cref="Output"/>.</summary>
    internal void Decode()
    {
        _decoder.Run();
        int perChannel = _graphSteps * _manifest.GraphDecimation;
        for (int c = 0; c < Channels; c++)
        {
            ReadOnlySpan<float> graphOut = _decoder.Output.AsSpan(c * perChannel, perChannel);
            if (_synthesis.Length > 0) _synthesis[c].Process(graphOut, Output[c]);
            else graphOut.CopyTo(Output[c]);
        }
    }

    /// <summary>Direct access to the decoder's input, for decoding latents that did not come from the encoder.</summary>
    internal Span<float> DecoderInput => _decoder.Input;

    public void Reset()
    {
        _encoder.ResetState();
        _decoder.ResetState();
        foreach (var a in _analysis) a.Reset();
        foreach (var s in _synthesis) s.Reset();
        _shaper.Reset();
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
        _prior?.Dispose();
    }
}
