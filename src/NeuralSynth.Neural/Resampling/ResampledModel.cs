using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Resampling;

/// <summary>
/// Runs a mono network trained at one rate inside a host running at another, through a <see cref="RateBridge"/>
/// (fixed delay of <see cref="LatencySamples"/> host samples). The constructor prepares the wrapped model for
/// the largest block the converter can hand it.
/// </summary>
internal sealed class ResampledModel : INeuralModel
{
    private readonly INeuralModel _model;
    private readonly RateBridge _bridge;

    public ResampledModel(INeuralModel model, int hostRate, int maxBlockSize)
    {
        _model = model;
        SampleRate = hostRate;
        MaxBlockSize = maxBlockSize;
        _bridge = new RateBridge(hostRate, (int)Math.Round(model.SampleRate), maxBlockSize);
        model.Prepare(_bridge.ModelBlockCapacity);
        PrewarmSamples = model.PrewarmSamples;
    }

    /// <summary>The host rate this wrapper runs at.</summary>
    public double SampleRate { get; }

    public int PrewarmSamples { get; }

    public int MaxBlockSize { get; }

    /// <summary>Host samples between an input and its processed output.</summary>
    public int LatencySamples => _bridge.LatencySamples;

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize > MaxBlockSize) throw new ArgumentException("construct a new ResampledModel for a larger block size");
    }

    /// <summary>Resets the wrapped model, the converters and the delay FIFO.</summary>
    public void Reset()
    {
        _model.Reset();
        _bridge.Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int modelFrames = _bridge.ToModel(input);
        _model.Process(_bridge.ModelInput.AsSpan(0, modelFrames), _bridge.ModelOutput.AsSpan(0, modelFrames));
        _bridge.FromModel(modelFrames, output);
    }
}
