using NeuralSynth.Engine.Dsp.Resampling;

namespace NeuralSynth.Neural.Resampling;

/// <summary>
/// One channel's round trip from the host rate to a model's rate and back, with a fixed delay of
/// <see cref="LatencySamples"/> host samples. <see cref="ToModel"/> converts a host block into
/// <see cref="ModelInput"/>; the caller processes those frames at the model rate into <see cref="ModelOutput"/>;
/// <see cref="FromModel"/> converts them back and hands the host exactly as many samples as it gave. A small
/// FIFO, primed with the latency in zeros, absorbs the converters' look-ahead and the varying number of model
/// frames per host block. Allocates only in the constructor.
/// </summary>
internal sealed class RateBridge
{
    private readonly StreamingResampler _toModel;
    private readonly StreamingResampler _toHost;
    private readonly float[] _fifo;
    private int _fifoCount;

    public RateBridge(int hostRate, int modelRate, int maxHostBlock)
    {
        _toModel = new StreamingResampler(hostRate, modelRate, RealtimeSincLowpass.ForRates(hostRate, modelRate), maxHostBlock);
        ModelBlockCapacity = _toModel.MaxOutputFor(maxHostBlock);
        _toHost = new StreamingResampler(modelRate, hostRate, RealtimeSincLowpass.ForRates(modelRate, hostRate), ModelBlockCapacity);
        ModelInput = new float[ModelBlockCapacity];
        ModelOutput = new float[ModelBlockCapacity];
        // Worst case the host side waits for: the first converter's look-ahead (host samples), the second's
        // (model samples, expressed in host samples), plus a sample of rounding on each side.
        LatencySamples = _toModel.LookaheadInputSamples
                         + (int)Math.Ceiling(_toHost.LookaheadInputSamples * (double)hostRate / modelRate) + 3;
        _fifo = new float[LatencySamples + 2 * _toHost.MaxOutputFor(ModelBlockCapacity) + maxHostBlock];
        Reset();
    }

    /// <summary>The most model frames one host block can turn into.</summary>
    public int ModelBlockCapacity { get; }

    /// <summary>Host samples between an input sample and its processed output.</summary>
    public int LatencySamples { get; }

    public float[] ModelInput { get; }
    public float[] ModelOutput { get; }

    public void Reset()
    {
        _toModel.Reset();
        _toHost.Reset();
        Array.Clear(_fifo);
        _fifoCount = LatencySamples;
    }

    /// <summary>Converts a host block into <see cref="ModelInput"/>; returns the number of model frames.</summary>
    public int ToModel(ReadOnlySpan<float> host) => _toModel.Process(host, ModelInput);

    /// <summary>Converts <paramref name="modelFrames"/> of <see cref="ModelOutput"/> back and fills <paramref name="host"/>.</summary>
    public void FromModel(int modelFrames, Span<float> host)
    {
        _fifoCount += _toHost.Process(ModelOutput.AsSpan(0, modelFrames), _fifo.AsSpan(_fifoCount));
        int frames = host.Length;
        int available = Math.Min(frames, _fifoCount);
        _fifo.AsSpan(0, available).CopyTo(host);
        // Cannot happen with the latency above; kept so a mistake degrades to silence, not garbage.
        host[available..frames].Clear();
        _fifo.AsSpan(available, _fifoCount - available).CopyTo(_fifo);
        _fifoCount -= available;
    }
}
