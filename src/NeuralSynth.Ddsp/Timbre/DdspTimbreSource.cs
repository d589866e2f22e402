using System.Numerics.Tensors;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Ddsp.Timbre;

/// <summary>
/// The trained decoder as the engine's timbre: one batched decoder step per frame for every sounding voice,
/// inline on the audio thread, in the managed runtime (no allocation, no native call; ONNX Runtime only as an
/// opt-in reference). Inline rather than on a worker because the step is small and bounded (a GRU-128 step;
/// see DdspBenchmark for the cost at 16 and 64 voices) while a worker would add a frame of latency and a
/// cross-thread handoff to every note. Each voice slot keeps its own GRU state between frames.
/// </summary>
public sealed class DdspTimbreSource : ITimbreSource, IDisposable
{
    private readonly DecoderModel _model;
    private readonly bool _ownsModel;
    private readonly DecoderRuntime _runtime;
    private DecoderBatch? _batch;
    private NoiseBandMap? _bands;
    private float[] _states = Array.Empty<float>();
    private double _sampleRate;

    public DdspTimbreSource(DecoderModel model, bool ownsModel = false, DecoderRuntime runtime = DecoderRuntime.Managed)
    {
        _model = model;
        _ownsModel = ownsModel;
        _runtime = runtime;
    }

    /// <summary>Loads a decoder (manifest.json or decoder.onnx with its manifest) and owns it.</summary>
    public static DdspTimbreSource Load(string path, DecoderRuntime runtime = DecoderRuntime.Managed) => new(DecoderModel.Load(path), ownsModel: true, runtime);

    public DecoderManifest Manifest => _model.Manifest;
    public int TicksPerFrame { get; private set; } = 1;

    /// <summary>Samples per frame at the prepared rate.</summary>
    public int FrameSamples => TicksPerFrame * SynthEngine.ControlInterval;

    public void Prepare(double sampleRate, int voiceSlots, int maxHarmonics)
    {
        var m = _model.Manifest;
        _sampleRate = sampleRate;
        // Frames land on the engine's control grid: the nearest whole number of ticks to the trained frame rate
        // (exact at 48 kHz: 192 samples = 6 ticks = 250 frames/s).
        TicksPerFrame = Math.Max(1, (int)Math.Round(sampleRate / m.FrameRate / SynthEngine.ControlInterval));
        _batch?.Dispose();
        _batch = _model.CreateBatch(voiceSlots, _runtime);
        _bands = new NoiseBandMap(sampleRate, m.SampleRate, m.BandMaxHz, m.NoiseBands);
        _states = new float[voiceSlots * m.StateSize];
    }

    public void Reset() => Array.Clear(_states);

    public void ResetVoice(int slot)
    {
        int size = _model.Manifest.StateSize;
        if ((uint)slot < (uint)(_states.Length / size)) _states.AsSpan(slot * size, size).Clear();
    }

    public void Decode(TimbreFrame frame)
    {
        var batch = _batch;
        int rows = Math.Min(frame.Count, batch?.Capacity ?? 0);
        if (batch == null || _bands == null || rows == 0) return;
        int size = batch.StateSize, harmonics = batch.Harmonics, bands = batch.Bands;

        for (int row = 0; row < rows; row++)
        {
            batch.F0Hz[row] = frame.F0Hz[row];
            batch.LoudnessDb[row] = frame.LoudnessDb[row];
            _states.AsSpan(frame.Slots[row] * size, size).CopyTo(batch.StateIn.AsSpan(row * size, size));
        }
        batch.Run(rows);

        int count = Math.Min(harmonics, frame.Harmonics);
        for (int row = 0; row < rows; row++)
        {
            batch.StateOut.AsSpan(row * size, size).CopyTo(_states.AsSpan(frame.Slots[row] * size, size));
            Span<float> amplitudes = frame.HarmonicsOf(row);
            TensorPrimitives.Multiply(batch.Distribution.AsSpan(row * harmonics, count), batch.Amplitude[row], amplitudes[..count]);
            amplitudes[count..].Clear();
            HarmonicLimiter.Apply(amplitudes[..count], frame.F0Hz[row], _sampleRate);
            _bands.Map(batch.Noise.AsSpan(row * bands, bands), frame.NoiseOf(row));
        }
    }

    public void Dispose()
    {
        _batch?.Dispose();
        if (_ownsModel) _model.Dispose();
    }
}
