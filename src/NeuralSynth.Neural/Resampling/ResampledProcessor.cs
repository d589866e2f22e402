using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;

namespace NeuralSynth.Neural.Resampling;

/// <summary>
/// Runs a multichannel processor that only works at its own rate (a RAVE model, say) under any host rate:
/// one <see cref="RateBridge"/> per channel, the inner processor prepared for the largest model block. Its
/// latency is the inner processor's (in model samples, converted) plus the converters'. Knobs pass through.
/// </summary>
public sealed class ResampledProcessor : IAudioProcessor, IKnobConditioned, IRenderModeAware, IDisposable
{
    private readonly IAudioProcessor _inner;
    private readonly int _modelRate;
    private RateBridge[] _bridges = [];
    private float[][] _modelIn = [], _modelOut = [];
    private double _hostRate;

    public ResampledProcessor(IAudioProcessor inner, int modelRate)
    {
        if (modelRate < 8000 || modelRate > 384000) throw new ArgumentOutOfRangeException(nameof(modelRate));
        _inner = inner;
        _modelRate = modelRate;
    }

    public IAudioProcessor Inner => _inner;

    public int LatencySamples { get; private set; }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        int hostRate = (int)Math.Round(sampleRate);
        _hostRate = sampleRate;
        _bridges = new RateBridge[channels];
        _modelIn = new float[channels][];
        _modelOut = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            _bridges[c] = new RateBridge(hostRate, _modelRate, maxBlockSize);
            _modelIn[c] = _bridges[c].ModelInput;
            _modelOut[c] = _bridges[c].ModelOutput;
        }
        _inner.Prepare(_modelRate, _bridges[0].ModelBlockCapacity, channels);
        LatencySamples = _bridges[0].LatencySamples + (int)Math.Ceiling(_inner.LatencySamples * _hostRate / _modelRate);
        Reset();
    }

    public void Reset()
    {
        foreach (var bridge in _bridges) bridge.Reset();
        _inner.Reset();
    }

    public void Process(AudioBlock block)
    {
        int channels = Math.Min(block.ChannelCount, _bridges.Length);
        if (channels == 0) return;
        // Every bridge holds the same converter state, so each channel yields the same number of model frames.
        int frames = 0;
        for (int c = 0; c < channels; c++) frames = _bridges[c].ToModel(block.Channel(c));
        if (frames > 0)
        {
            // The inner processor works in place: hand it a copy so the bridge keeps its input buffer.
            for (int c = 0; c < channels; c++) _modelIn[c].AsSpan(0, frames).CopyTo(_modelOut[c]);
            _inner.Process(new AudioBlock(_modelOut, 0, frames));
        }
        for (int c = 0; c < channels; c++) _bridges[c].FromModel(frames, block.Channel(c));
    }

    public int KnobCount => _inner is IKnobConditioned k ? k.KnobCount : 0;
    public string KnobName(int index) => ((IKnobConditioned)_inner).KnobName(index);
    public void SetKnob(int index, float value) => ((IKnobConditioned)_inner).SetKnob(index, value);

    public void SetOffline(bool offline) => (_inner as IRenderModeAware)?.SetOffline(offline);

    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
