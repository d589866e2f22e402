using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Core;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Effects;

/// <summary>
/// A stateful ONNX effect graph run on fixed blocks: inputs <c>audio [1, B]</c>, <c>knobs [1, K]</c> and any
/// number of recurrent states, outputs <c>audio [1, B]</c> and the next states, paired in order (input 2+i
/// feeds back from output 1+i). All tensors are pinned arrays bound once to an <see cref="OrtIoBinding"/>.
/// <para>
/// The graph runs on a worker thread (<see cref="BlockWorker"/>), so the output is the model's output exactly
/// 2·B samples late. It used to run inline, but ONNX Runtime's Run allocates on the native heap every call (about
/// 75 malloc calls per 256-sample block, counted by the soak's malloc shim) and a whole block's inference landed
/// in whichever small host block completed it: both break the audio thread's rules.
/// </para>
/// </summary>
internal sealed class OnnxBlockModel : INeuralModel, IBlockJob, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly List<OrtValue> _values = new();
    private readonly float[] _audioIn, _audioOut, _knobs, _knobTargets;
    private readonly float[][] _stateIn, _stateOut;
    private readonly BlockWorker _worker;

    public OnnxBlockModel(InferenceSession session, double sampleRate)
    {
        _session = session;
        SampleRate = sampleRate;
        var inputs = session.InputMetadata;
        var outputs = session.OutputMetadata;
        var inNames = session.InputNames;
        var outNames = session.OutputNames;
        if (inNames.Count < 2 || outNames.Count != inNames.Count - 1)
            throw new InvalidInputException("ONNX effect needs inputs (audio, knobs, states...) and outputs (audio, states...) in matching numbers");
        int[] audioShape = inputs[inNames[0]].Dimensions, knobShape = inputs[inNames[1]].Dimensions;
        if (audioShape is not [1, > 0 and <= 1 << 16] || knobShape is not [1, >= 0 and <= 16])
            throw new InvalidInputException($"ONNX effect input '{inNames[0]}' must be [1, block] and '{inNames[1]}' [1, knobs] with fixed sizes");
        BlockSize = audioShape[1];
        if (!outputs[outNames[0]].Dimensions.SequenceEqual(audioShape))
            throw new InvalidInputException($"ONNX effect output '{outNames[0]}' must be [1, {BlockSize}]");

        _binding = session.CreateIoBinding();
        _audioIn = Bind(inNames[0], audioShape, input: true);
        _knobs = Bind(inNames[1], knobShape, input: true);
        _audioOut = Bind(outNames[0], audioShape, input: false);
        _knobTargets = new float[knobShape[1]];
        int states = inNames.Count - 2;
        _stateIn = new float[states][];
        _stateOut = new float[states][];
        for (int s = 0; s < states; s++)
        {
            int[] shape = inputs[inNames[2 + s]].Dimensions;
            if (shape.Any(d => d <= 0) || !outputs[outNames[1 + s]].Dimensions.SequenceEqual(shape))
                throw new InvalidInputException($"ONNX effect state '{inNames[2 + s]}' must have a fixed shape equal to output '{outNames[1 + s]}'");
            _stateIn[s] = Bind(inNames[2 + s], shape, input: true);
            _stateOut[s] = Bind(outNames[1 + s], shape, input: false);
        }
        _worker = new BlockWorker(this, BlockSize, "ONNX effect");
    }

    /// <summary>The model's fixed block.</summary>
    public int BlockSize { get; }

    /// <summary>Samples (at the model's rate) from input to output: two blocks, see <see cref="BlockWorker"/>.</summary>
    public int LatencySamples => _worker.LatencySamples;

    /// <summary>During a bounce the audio thread waits for the worker instead of playing silence for a late block.</summary>
    public bool Offline { get => _worker.Offline; set => _worker.Offline = value; }

    /// <summary>Blocks the worker finished too late, played as silence.</summary>
    public long LateBlocks => _worker.LateBlocks;

    public int KnobCount => _knobTargets.Length;

    public double SampleRate { get; }

    public int PrewarmSamples => 0;

    public int MaxBlockSize { get; private set; }

    /// <summary>Any thread; takes effect at the next model block.</summary>
    public void SetKnob(int index, float value) => Volatile.Write(ref _knobTargets[index], value);

    public float GetKnob(int index) => Volatile.Read(ref _knobTargets[index]);

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        MaxBlockSize = maxBlockSize;
    }

    public void Reset() => _worker.Reset();

    public void Process(ReadOnlySpan<float> input, Span<float> output) => _worker.Process(input, output);

    void IBlockJob.ResetStream()
    {
        foreach (var s in _stateIn) Array.Clear(s);
    }

    void IBlockJob.Run(ReadOnlySpan<float> input, Span<float> output)
    {
        input.CopyTo(_audioIn);
        for (int k = 0; k < _knobs.Length; k++) _knobs[k] = Volatile.Read(ref _knobTargets[k]);
        _session.RunWithBinding(_runOptions, _binding);
        for (int s = 0; s < _stateIn.Length; s++) _stateOut[s].CopyTo(_stateIn[s], 0);
        _audioOut.CopyTo(output);
    }

    private float[] Bind(string name, int[] shape, bool input)
    {
        int length = shape.Aggregate(1, (a, d) => a * d);
        var array = GC.AllocateArray<float>(length, pinned: true);
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(array), Array.ConvertAll(shape, d => (long)d));
        _values.Add(value);
        if (input) _binding.BindInput(name, value);
        else _binding.BindOutput(name, value);
        return array;
    }

    public void Dispose()
    {
        _worker.Dispose(); // first: the worker may be inside Run
        _binding.Dispose();
        foreach (var v in _values) v.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
