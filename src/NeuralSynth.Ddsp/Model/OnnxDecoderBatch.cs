using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Ddsp.Model;

/// <summary>
/// The ONNX Runtime reference: no managed allocation per call (the tensors live in the base's pinned arrays,
/// and for every batch size an <see cref="OrtIoBinding"/> over prefixes of those arrays is bound once in the
/// constructor), but ORT's Run allocates on the native heap every call, so the product does not use it on the
/// audio thread; it is the oracle the managed runtime is tested against.
/// </summary>
internal sealed class OnnxDecoderBatch : DecoderBatch
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding[] _bindings;
    private readonly List<OrtValue> _values = new();

    internal OnnxDecoderBatch(DecoderModel model, int capacity) : base(model.Manifest, capacity)
    {
        _session = model.Session;

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

    protected override void RunRows(int rows) => _session.RunWithBinding(_runOptions, _bindings[rows]);

    private OrtValue View(float[] array, int rows, int width)
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(array, 0, rows * width), [rows, width]);
        _values.Add(value);
        return value;
    }

    public override void Dispose()
    {
        foreach (var b in _bindings) b?.Dispose();
        foreach (var v in _values) v.Dispose();
        _runOptions.Dispose();
    }
}
