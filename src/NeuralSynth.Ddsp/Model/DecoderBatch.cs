using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// Runs a decoder on 1..Capacity voices with no managed allocation per call: the tensors live in pinned
/// arrays, and for every batch size an <see cref="OrtIoBinding"/> over prefixes of those arrays is bound once
/// in the constructor. A call then only selects the binding for its row count (RunWithBinding goes straight
/// to the native API).
/// </summary>
public sealed class DecoderBatch : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding[] _bindings;
    private readonly List<OrtValue> _values = new();

    public DecoderBatch(DecoderModel model, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        var m = model.Manifest;
        _session = model.Session;
        Capacity = capacity;
        StateSize = m.StateSize;
        Harmonics = m.Harmonics;
        Bands = m.NoiseBands;
        F0Hz = GC.AllocateArray<float>(capacity, pinned: true);
        LoudnessDb = GC.AllocateArray<float>(capacity, pinned: true);
        StateIn = GC.AllocateArray<float>(capacity * StateSize, pinned: true);
        Amplitude = GC.AllocateArray<float>(capacity, pinned: true);
        Distribution = GC.AllocateArray<float>(capacity * Harmonics, pinned: true);
        Noise = GC.AllocateArray<float>(capacity * Bands, pinned: true);
        StateOut = GC.AllocateArray<float>(capacity * StateSize, pinned: true);

        _bindings = new OrtIoBinding[capacity + 1];
        for (int rows = 1; rows <= capacity; rows++)
        {
            var binding = _session.CreateIoBinding();
            binding.BindInput(DecoderManifest.InputNames[0], View(F0Hz, rows, 1));
            binding.BindInput(DecoderManifest.InputNames[1], View(LoudnessDb, rows, 1));
            binding.BindInput(DecoderManifest.InputNames[2], View(StateIn, rows, StateSize));
            binding.BindOutput(DecoderManifest.OutputNames[0], View(Amplitude, rows, 1));
            binding.BindOutput(DecoderManifest.OutputNames[1], View(Distribution, rows, Harmonics));
            binding.BindOutput(DecoderManifest.OutputNames[2], View(Noise, rows, Bands));
            binding.BindOutput(DecoderManifest.OutputNames[3], View(StateOut, rows, StateSize));
            _bindings[rows] = binding;
        }
    }

    public int Capacity { get; }
    public int StateSize { get; }
    public int Harmonics { get; }
    public int Bands { get; }

    /// <summary>Inputs, row-major [rows × width]: fill rows 0..n-1, then <see cref="Run"/>.</summary>
    public float[] F0Hz { get; }
    public float[] LoudnessDb { get; }
    public float[] StateIn { get; }

    /// <summary>Outputs of the last <see cref="Run"/>, rows 0..n-1.</summary>
    public float[] Amplitude { get; }
    public float[] Distribution { get; }
    public float[] Noise { get; }
    public float[] StateOut { get; }

    /// <summary>Decodes rows 0..<paramref name="rows"/>-1. Allocation-free; safe on the audio thread.</summary>
    public void Run(int rows)
    {
        if (rows < 1 || rows > Capacity) throw new ArgumentOutOfRangeException(nameof(rows));
        _session.RunWithBinding(_runOptions, _bindings[rows]);
    }

    private OrtValue View(float[] array, int rows, int width)
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(array, 0, rows * width), [rows, width]);
        _values.Add(value);
        return value;
    }

    public void Dispose()
    {
        foreach (var b in _bindings) b?.Dispose();
        foreach (var v in _values) v.Dispose();
        _runOptions.Dispose();
    }
}
