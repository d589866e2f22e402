using NeuralSynth.Ddsp.Analysis;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Ddsp.Transfer;

/// <summary>
/// Live timbre transfer as an effect: input audio → f0 (YIN, gated, octave-repaired) and A-weighted loudness
/// every frame → the instrument's decoder → harmonic + noise synth. Frames sit on a 32-sample grid counted
/// from <see cref="Reset"/>, so the output does not depend on the host's block size. Latency (reported in
/// <see cref="LatencySamples"/>) is half the analysis window plus one frame of interpolation plus one frame
/// for the pitch median: about 27 ms.
/// </summary>
public sealed partial class TimbreTransferProcessor : IAudioProcessor, IDisposable
{
    private readonly DecoderModel _model;
    private readonly TransferOptions _options;
    private readonly bool _ownsModel;
    private readonly DecodedMonoSynth _synth = new();
    private readonly float[] _segment = new float[SynthEngine.ControlInterval];
    private readonly TimbreFrame _frame = new(1, SynthEngine.MaxHarmonics);
    private DecoderBatch? _batch;
    private NoiseBandMap? _bands;
    private PitchTracker? _tracker;
    private LoudnessMeter? _meter;
    private float[] _loudnessRing = Array.Empty<float>();
    private float[] _loudnessWindow = Array.Empty<float>();
    private float[] _mono = Array.Empty<float>();
    private int _ringWrite;
    private double _sampleRate;
    private int _ticksPerFrame = 1;
    private long _position;
    private float _f0 = 220f;
    private float _gate;

    public TimbreTransferProcessor(DecoderModel model, TransferOptions? options = null, bool ownsModel = false)
    {
        _model = model;
        _ownsModel = ownsModel;
        _options = options ?? new TransferOptions();
        _transposeSemitones = _options.TransposeSemitones;
        _loudnessOffsetDb = _options.LoudnessOffsetDb;
    }

    public int LatencySamples { get; private set; }

    /// <summary>The last frame's analysis, for meters and tests (written on the audio thread).</summary>
    public PitchEstimate LastPitch { get; private set; }
    public float LastLoudnessDb { get; private set; }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        var m = _model.Manifest;
        _sampleRate = sampleRate;
        _ticksPerFrame = Math.Max(1, (int)Math.Round(sampleRate / m.FrameRate / SynthEngine.ControlInterval));
        int frameSamples = _ticksPerFrame * SynthEngine.ControlInterval;
        _batch?.Dispose();
        _batch = _model.CreateBatch(1);
        _bands = new NoiseBandMap(sampleRate, m.SampleRate, m.BandMaxHz, m.NoiseBands);
        _tracker = new PitchTracker(sampleRate, _options.Pitch);
        _meter = new LoudnessMeter(sampleRate);
        _loudnessRing = new float[_meter.WindowLength];
        _loudnessWindow = new float[_meter.WindowLength];
        _mono = new float[maxBlockSize];
        LatencySamples = Math.Max(_tracker.LatencySamples(frameSamples), _meter.WindowLength / 2) + frameSamples;
        Reset();
    }

    public void Reset()
    {
        _synth.Reset();
        _tracker?.Reset();
        Array.Clear(_loudnessRing);
        Array.Clear(_batch?.StateOut ?? Array.Empty<float>()); // each frame starts from the previous StateOut
        _ringWrite = 0;
        _position = 0;
        _f0 = 220f;
        _gate = 0f;
    }

    public void Process(AudioBlock block)
    {
        int length = block.Length;
        if (_batch == null || length <= 0 || length > _mono.Length || block.ChannelCount == 0)
        {
            block.Clear();
            return;
        }
        Span<float> mono = _mono.AsSpan(0, length);
        block.Channel(0).CopyTo(mono);
        for (int c = 1; c < block.ChannelCount; c++) System.Numerics.Tensors.TensorPrimitives.Add(mono, block.Channel(c), mono);
        if (block.ChannelCount > 1) System.Numerics.Tensors.TensorPrimitives.Multiply(mono, 1f / block.ChannelCount, mono);

        Span<float> output = block.Channel(0);
        float mix = Math.Clamp(_options.Mix, 0f, 1f);
        int position = 0;
        while (position < length)
        {
            int intoTick = (int)(_position % SynthEngine.ControlInterval);
            if (intoTick == 0) ControlTick();
            int segment = Math.Min(length - position, SynthEngine.ControlInterval - intoTick);
            for (int i = 0; i < segment; i++) PushInput(mono[position + i]);
            Span<float> wet = _segment.AsSpan(0, segment);
            _synth.Render(wet);
            for (int i = 0; i < segment; i++) output[position + i] = mix * wet[i] + (1f - mix) * mono[position + i];
            position += segment;
            _position += segment;
        }
        OutputGuard.Sanitize(output);
        for (int c = 1; c < block.ChannelCount; c++) output.CopyTo(block.Channel(c));
    }

    private void PushInput(float sample)
    {
        _tracker!.Push(sample);
        _loudnessRing[_ringWrite] = sample;
        if (++_ringWrite == _loudnessRing.Length) _ringWrite = 0;
    }

    private void ControlTick()
    {
        int tick = (int)(_position / SynthEngine.ControlInterval % _ticksPerFrame);
        if (tick == 0) DecodeFrame();
        _synth.Tick(_f0, _sampleRate, tick, _ticksPerFrame);
    }

    private void DecodeFrame()
    {
        int split = _loudnessRing.Length - _ringWrite;
        _loudnessRing.AsSpan(_ringWrite).CopyTo(_loudnessWindow);
        _loudnessRing.AsSpan(0, _ringWrite).CopyTo(_loudnessWindow.AsSpan(split));
        float loudness = _meter!.Measure(_loudnessWindow);
        var pitch = _tracker!.Analyze(loudness);
        LastPitch = pitch;
        LastLoudnessDb = loudness;
        if (pitch.Hz > 0) _f0 = (float)(pitch.Hz * Math.Pow(2, _transposeSemitones / 12.0));
        // Confidence gate: a one-pole toward voiced/unvoiced (~10 ms) applied to the decoded frame, so breaths
        // and consonants fall silent without clicks and the held pitch never sounds on its own.
        bool voiced = pitch.Voiced && pitch.Confidence >= _confidenceGate;
        _gate += ((voiced ? 1f : 0f) - _gate) * 0.33f;

        var batch = _batch!;
        batch.F0Hz[0] = _f0;
        batch.LoudnessDb[0] = loudness + _loudnessOffsetDb;
        batch.StateOut.AsSpan(0, batch.StateSize).CopyTo(batch.StateIn);
        batch.Run(1);
        int count = Math.Min(batch.Harmonics, _frame.Harmonics);
        Span<float> amplitudes = _frame.HarmonicsOf(0);
        System.Numerics.Tensors.TensorPrimitives.Multiply(batch.Distribution.AsSpan(0, count), batch.Amplitude[0], amplitudes[..count]);
        amplitudes[count..].Clear();
        HarmonicLimiter.Apply(amplitudes[..count], _f0, _sampleRate);
        _bands!.Map(batch.Noise.AsSpan(0, batch.Bands), _frame.NoiseOf(0));
        _synth.ReceiveFrame(amplitudes, _frame.NoiseOf(0), _gate);
    }

    public void Dispose()
    {
        _batch?.Dispose();
        if (_ownsModel) _model.Dispose();
    }
}
