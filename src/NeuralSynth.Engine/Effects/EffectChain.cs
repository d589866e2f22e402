using System.Numerics.Tensors;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Effects;

/// <summary>
/// The effect processor: input gain → model → output level, mixed with the latency-aligned dry signal, with
/// bypass as a smoothed crossfade and knobs 1–8 forwarded to knob-conditioned models. Parameters are smoothed
/// per sample and automation is applied at its exact sample. The model can be swapped from another thread
/// (<see cref="SetModel"/>); the audio thread picks it up at the next block and fades it in.
/// </summary>
public sealed class EffectChain : IAudioProcessor, ISegmentedProcessor
{
    private const int KnobUpdateInterval = 32;
    private const double ModelFadeMs = 20;

    private IAudioProcessor? _model;
    private IAudioProcessor? _pendingModel;
    private int _pendingVersion, _appliedVersion;
    private float[][] _wet = Array.Empty<float[]>();
    private DryWetMixer _dryWet = new(0, 1);
    private float[] _curve = Array.Empty<float>();
    private float[] _mixCurve = Array.Empty<float>();
    private LinearSmoother _bypass;
    private LinearSmoother _modelFade;
    private double _sampleRate;
    private int _maxBlock, _channels;
    private long _position;

    public EffectChain()
    {
        Registry = EffectParameters.CreateRegistry();
        Parameters = new ParameterValues(Registry);
    }

    public ParameterRegistry Registry { get; }
    public ParameterValues Parameters { get; }
    public SpscRing<EngineEvent> IncomingEvents { get; } = new(1024);
    public SpscRing<EngineMessage> Messages { get; } = new(256);
    public IAudioProcessor? Model => _model;

    /// <summary>The host's transport for the current block (set by a plug-in host before each Process; default offline).</summary>
    public HostTransport Transport { get; set; }

    /// <summary>Latency of the current model; the dry path is delayed by the same amount.</summary>
    public int LatencySamples => _model?.LatencySamples ?? 0;

    /// <summary>
    /// Hands over a model already prepared (and reset) for this chain's sample rate and block size, or null to
    /// remove it. Safe from any one non-audio thread. The audio thread adopts it as is: resetting a model can
    /// mean pre-warming it over thousands of samples, which belongs on the caller's thread, not in a callback.
    /// </summary>
    /// <returns>The hand-over's version: once <see cref="ModelVersionInUse"/> reaches it, the audio thread has let go
    /// of the previous model, which may then be disposed.</returns>
    public int SetModel(IAudioProcessor? model)
    {
        Volatile.Write(ref _pendingModel, model);
        return Interlocked.Increment(ref _pendingVersion);
    }

    /// <summary>The version of the last model the audio thread adopted (see <see cref="SetModel"/>).</summary>
    public int ModelVersionInUse => Volatile.Read(ref _appliedVersion);

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        if (maxBlockSize < 1 || maxBlockSize > 1 << 16) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        if (channels < 1 || channels > 32) throw new ArgumentOutOfRangeException(nameof(channels));
        _sampleRate = sampleRate;
        _maxBlock = maxBlockSize;
        _channels = channels;
        _wet = new float[channels][];
        for (int c = 0; c < channels; c++) _wet[c] = new float[maxBlockSize];
        _dryWet = new DryWetMixer(channels, (int)(sampleRate * 0.5) + maxBlockSize); // up to 0.5 s of model latency
        _curve = new float[maxBlockSize];
        _mixCurve = new float[maxBlockSize];
        Parameters.Prepare(sampleRate);
        _bypass.Configure((int)(0.01 * sampleRate));
        _modelFade.Configure((int)(ModelFadeMs * 0.001 * sampleRate));
        Reset();
    }

    /// <summary>Starts over; also adopts a model handed over since the last block (so a reset chain never holds a
    /// model its owner has already replaced).</summary>
    public void Reset()
    {
        AdoptPendingModel();
        _dryWet.Clear();
        Parameters.Settle();
        _bypass.SetImmediate(Parameters.GetTarget(EffectParameters.Bypass));
        _modelFade.SetImmediate(1f);
        _model?.Reset();
        _position = 0;
        while (IncomingEvents.TryRead(out _)) { }
    }

    public void Process(AudioBlock block) => Process(block, ReadOnlySpan<EngineEvent>.Empty);

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events)
    {
        int length = block.Length;
        if (_maxBlock == 0 || length < 1 || length > _maxBlock || block.ChannelCount > _channels)
        {
            if (_maxBlock == 0 || length > _maxBlock) block.Clear();
            return;
        }
        AdoptPendingModel();
        EventSegmenter.Run(this, IncomingEvents, block, events);
    }

    void ISegmentedProcessor.ApplyEvent(in EngineEvent e) => Apply(e);

    int ISegmentedProcessor.BeginSegment()
    {
        if (_position % KnobUpdateInterval == 0) ForwardKnobs();
        return KnobUpdateInterval - (int)(_position % KnobUpdateInterval);
    }

    void ISegmentedProcessor.ProcessSegment(AudioBlock block, int offset)
    {
        int length = block.Length;
        int channels = block.ChannelCount;
        Span<float> curve = _curve.AsSpan(0, length);
        Span<float> mix = _mixCurve.AsSpan(0, length);
        int latency = LatencySamples;

        // Dry path: delayed by the model's latency so dry/wet mixing never combs.
        for (int c = 0; c < channels; c++)
        {
            var input = block.Channel(c);
            input.CopyTo(_wet[c]);
            _dryWet.PushDry(c, input, latency);
        }

        var wetBlock = new AudioBlock(_wet, 0, length);
        FillDecibelCurve(EffectParameters.InputGain, curve);
        for (int c = 0; c < channels; c++) TensorPrimitives.Multiply(wetBlock.Channel(c), curve, wetBlock.Channel(c));
        _model?.Process(wetBlock);
        FillDecibelCurve(EffectParameters.OutputGain, curve);
        for (int c = 0; c < channels; c++) TensorPrimitives.Multiply(wetBlock.Channel(c), curve, wetBlock.Channel(c));

        // Effective wet amount: dry/wet × (1 - bypass) × model fade-in.
        LinearSmoother mixSmoother = Parameters.Smoother(EffectParameters.Mix);
        mixSmoother.Fill(mix);
        TensorPrimitives.Multiply(mix, 0.01f, mix);
        for (int i = 0; i < length; i++)
        {
            mix[i] *= (1f - _bypass.Value) * _modelFade.Value;
            _bypass.Advance(1);
            _modelFade.Advance(1);
        }

        for (int c = 0; c < channels; c++)
        {
            Span<float> output = block.Channel(c);
            _dryWet.Mix(c, wetBlock.Channel(c), mix, output);
            int replaced = OutputGuard.Sanitize(output);
            if (replaced > 0) Messages.TryWrite(new EngineMessage(_position, EngineMessageCode.NonFiniteOutputReplaced, replaced));
        }
        Parameters.Advance(length);
        _position += length;
    }

    private void FillDecibelCurve(int id, Span<float> curve)
    {
        LinearSmoother smoother = Parameters.Smoother(id); // a copy: Parameters.Advance moves the real one
        smoother.Fill(curve);
        TensorPrimitives.Multiply(curve, 0.115129255f, curve);
        TensorPrimitives.Exp(curve, curve);
    }

    private void ForwardKnobs()
    {
        if (_model is not IKnobConditioned knobs) return;
        int count = Math.Min(knobs.KnobCount, EffectParameters.KnobCount);
        for (int i = 0; i < count; i++) knobs.SetKnob(i, Parameters.Get(EffectParameters.Knob(i)));
    }

    private void AdoptPendingModel()
    {
        int version = Volatile.Read(ref _pendingVersion);
        if (version == _appliedVersion) return;
        _model = Volatile.Read(ref _pendingModel);
        Volatile.Write(ref _appliedVersion, version); // after the swap: the owner may now dispose the previous model
        ForwardKnobs();
        _modelFade.SetImmediate(0f);
        _modelFade.SetTarget(1f);
    }

    private void Apply(in EngineEvent e)
    {
        if (e.Kind != EngineEventKind.Parameter) return;
        Parameters.Set(e.ParameterId, e.Value);
        if (e.ParameterId == EffectParameters.Bypass) _bypass.SetTarget(Parameters.GetTarget(EffectParameters.Bypass));
    }
}
