using Microsoft.ML.OnnxRuntime;

namespace NeuralSynth.Generation.Model;

/// <summary>
/// The exported decoder (see models/generator/recipe/export_onnx.py) on ONNX Runtime's CPU provider with one
/// intra-op thread, so generation stays on one core next to the audio thread and is bit-reproducible.
/// The present keys/values a run returns are kept as OrtValues and fed straight back as the next run's past,
/// so the cache never round-trips through managed arrays.
/// </summary>
internal sealed class OnnxTokenModel : ITokenModel
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _layers;
    private readonly int _heads;
    private readonly int _headDim;
    private readonly OrtValue[] _emptyPast;
    private IDisposableReadOnlyCollection<OrtValue>? _lastOutputs;
    private readonly long[] _offset = new long[1];
    private readonly OrtValue _offsetValue;

    public OnnxTokenModel(string modelPath, int contextLength)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"generator model not found: {modelPath}", modelPath);
        _session = NeuralSynth.Onnx.OnnxSessionFactory.Create(modelPath, "cpu");
        _layers = _session.InputMetadata.Keys.Count(k => k.StartsWith("past_key_", StringComparison.Ordinal));
        var pastShape = _session.InputMetadata["past_key_0"].Dimensions;
        _heads = pastShape[1];
        _headDim = pastShape[3];
        VocabSize = _session.OutputMetadata["logits"].Dimensions[2];
        ContextLength = contextLength;

        _inputNames = new string[2 + 2 * _layers];
        _outputNames = new string[1 + 2 * _layers];
        _inputNames[0] = "input_ids";
        _inputNames[1] = "position_offset";
        _outputNames[0] = "logits";
        for (int i = 0; i < _layers; i++)
        {
            _inputNames[2 + 2 * i] = $"past_key_{i}";
            _inputNames[3 + 2 * i] = $"past_value_{i}";
            _outputNames[1 + 2 * i] = $"present_key_{i}";
            _outputNames[2 + 2 * i] = $"present_value_{i}";
        }
        _emptyPast = new OrtValue[2 * _layers];
        for (int i = 0; i < _emptyPast.Length; i++)
            _emptyPast[i] = OrtValue.CreateTensorValueFromMemory(Array.Empty<float>(), [1, _heads, 0, _headDim]);
        _offsetValue = OrtValue.CreateTensorValueFromMemory(_offset, [1]);
    }

    public int VocabSize { get; }

    public int ContextLength { get; }

    public int CachedLength { get; private set; }

    public int Layers => _layers;

    public int Heads => _heads;

    public int HeadDim => _headDim;

    public void Reset()
    {
        _lastOutputs?.Dispose();
        _lastOutputs = null;
        CachedLength = 0;
    }

    public void Append(ReadOnlySpan<int> tokens, Span<float> nextLogits)
    {
        if (tokens.IsEmpty) throw new ArgumentException("no tokens to append", nameof(tokens));
        var ids = new long[tokens.Length];
        for (int i = 0; i < ids.Length; i++) ids[i] = tokens[i];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        _offset[0] = CachedLength;

        var inputs = new OrtValue[_inputNames.Length];
        inputs[0] = idsValue;
        inputs[1] = _offsetValue;
        for (int i = 0; i < 2 * _layers; i++) inputs[2 + i] = _lastOutputs is null ? _emptyPast[i] : _lastOutputs[1 + i];

        var outputs = _session.Run(_runOptions, _inputNames, inputs, _outputNames);
        var logits = outputs[0].GetTensorDataAsSpan<float>();
        logits.Slice((tokens.Length - 1) * VocabSize, VocabSize).CopyTo(nextLogits);
        _lastOutputs?.Dispose();
        _lastOutputs = outputs;
        CachedLength += tokens.Length;
    }

    public void Dispose()
    {
        _lastOutputs?.Dispose();
        foreach (var v in _emptyPast) v.Dispose();
        _offsetValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
