using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Resampling;

/// <summary>
/// Runs a model trained at one rate inside a host running at another: host audio is converted to the model
/// rate, processed, and converted back, with a fixed delay of <see cref="LatencySamples"/> host samples.
/// A small output FIFO, primed with that many zeros, absorbs the converters' look-ahead and the varying
/// number of model samples per host block, so every host block gets exactly as many samples as it gave.
/// The constructor prepares the wrapped model for the largest block the converter can hand it.
/// </summary>
public sealed class ResampledModel : INeuralModel
{
    private readonly INeuralModel _model;
    private readonly StreamingSincResampler _toModel;
    private readonly StreamingSincResampler _toHost;
    private readonly float[] _modelIn;
    private readonly float[] _modelOut;
    private readonly float[] _fifo;
    private readonly int _modelBlock;
    private int _fifoCount;

    public ResampledModel(INeuralModel model, int hostRate, int maxBlockSize)
    {
        _model = model;
        int modelRate = (int)Math.Round(model.SampleRate);
        SampleRate = hostRate;
        MaxBlockSize = maxBlockSize;
        _toModel = new StreamingSincResampler(hostRate, modelRate, maxBlockSize);
        int modelMax = _toModel.MaxOutputFor(maxBlockSize);
        _toHost = new StreamingSincResampler(modelRate, hostRate, modelMax);
        _modelBlock = modelMax;
        model.Prepare(modelMax);
        _modelIn = new float[modelMax];
        _modelOut = new float[modelMax];

        // Worst case the host side waits for: the first converter's look-ahead (host samples), the second's
        // (model samples, expressed in host samples), plus a sample of rounding on each side.
        LatencySamples = _toModel.LookaheadInputSamples
                         + (int)Math.Ceiling(_toHost.LookaheadInputSamples * (double)hostRate / modelRate) + 3;
        _fifo = new float[LatencySamples + 2 * _toHost.MaxOutputFor(modelMax) + maxBlockSize];
        PrewarmSamples = model.PrewarmSamples;
    }

    /// <summary>The host rate this wrapper runs at.</summary>
    public double SampleRate { get; }

    public int PrewarmSamples { get; }

    public int MaxBlockSize { get; }

    /// <summary>Host samples between an input and its processed output.</summary>
    public int LatencySamples { get; }

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize > MaxBlockSize) throw new ArgumentException("construct a new ResampledModel for a larger block size");
    }

    /// <summary>Resets the wrapped model, the converters and the delay FIFO.</summary>
    public void Reset()
    {
        _model.Reset();
        _toModel.Reset();
        _toHost.Reset();
        Array.Clear(_fifo);
        _fifoCount = LatencySamples;
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int modelFrames = _toModel.Process(input, _modelIn);
        for (int start = 0; start < modelFrames; start += _modelBlock)
        {
            int n = Math.Min(_modelBlock, modelFrames - start);
            _model.Process(_modelIn.AsSpan(start, n), _modelOut.AsSpan(start, n));
        }
        _fifoCount += _toHost.Process(_modelOut.AsSpan(0, modelFrames), _fifo.AsSpan(_fifoCount));

        int frames = input.Length;
        int available = Math.Min(frames, _fifoCount);
        _fifo.AsSpan(0, available).CopyTo(output);
        // Cannot happen with the latency above; kept so a mistake degrades to silence, not garbage.
        output[available..frames].Clear();
        _fifo.AsSpan(available, _fifoCount - available).CopyTo(_fifo);
        _fifoCount -= available;
    }
}
