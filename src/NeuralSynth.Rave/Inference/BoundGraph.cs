using Microsoft.ML.OnnxRuntime;
using NeuralSynth.Rave.Model;

namespace NeuralSynth.Rave.Inference;

/// <summary>
/// One streaming graph bound once to preallocated, pinned buffers for a fixed chunk: the main input and output
/// and every cache tensor. Caches ping-pong between two buffers (two bindings), so a run never reads the
/// buffer it writes and never allocates; <see cref="Run"/> is a single native call.
/// </summary>
internal sealed class BoundGraph : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding[] _bindings;
    private readonly List<OrtValue> _values = new();
    private readonly float[][] _statesA, _statesB;
    private int _next;

    public BoundGraph(InferenceSession session, string inputName, long[] inputShape, IReadOnlyList<(string Name, long[] Shape)> outputs,
        IReadOnlyList<StateTensor> states)
    {
        _session = session;
        Input = Pinned(inputShape);
        Outputs = outputs.Select(o => Pinned(o.Shape)).ToArray();
        _statesA = states.Select(s => Pinned(s.Shape)).ToArray();
        _statesB = states.Select(s => Pinned(s.Shape)).ToArray();
        var input = Wrap(Input, inputShape);
        var outputValues = outputs.Select((o, i) => Wrap(Outputs[i], o.Shape)).ToArray();
        var a = _statesA.Select((buffer, i) => Wrap(buffer, states[i].Shape)).ToArray();
        var b = _statesB.Select((buffer, i) => Wrap(buffer, states[i].Shape)).ToArray();
        _bindings = [Bind(inputName, input, outputs, outputValues, states, a, b), Bind(inputName, input, outputs, outputValues, states, b, a)];
    }

    public float[] Input { get; }
    public float[][] Outputs { get; }
    public float[] Output => Outputs[0];

    /// <summary>Runs one chunk: reads <see cref="Input"/> and the caches, writes <see cref="Outputs"/> and the next caches.</summary>
    public void Run()
    {
        _session.RunWithBinding(_runOptions, _bindings[_next]);
        _next ^= 1;
    }

    /// <summary>Zeroes every cache: the stream starts over as if preceded by silence.</summary>
    public void ResetState()
    {
        foreach (var s in _statesA) Array.Clear(s);
        foreach (var s in _statesB) Array.Clear(s);
        _next = 0;
    }

    private OrtIoBinding Bind(string inputName, OrtValue input, IReadOnlyList<(string Name, long[] Shape)> outputs, OrtValue[] outputValues,
        IReadOnlyList<StateTensor> states, OrtValue[] from, OrtValue[] to)
    {
        var binding = _session.CreateIoBinding();
        binding.BindInput(inputName, input);
        for (int i = 0; i < outputs.Count; i++) binding.BindOutput(outputs[i].Name, outputValues[i]);
        for (int i = 0; i < states.Count; i++)
        {
            binding.BindInput(states[i].Input, from[i]);
            binding.BindOutput(states[i].Output, to[i]);
        }
        return binding;
    }

    // Pinned-heap arrays never move, so the native side may keep their addresses for the life of the binding.
    private static float[] Pinned(long[] shape) => GC.AllocateArray<float>(checked((int)shape.Aggregate(1L, (x, y) => x * y)), pinned: true);

    private OrtValue Wrap(float[] buffer, long[] shape)
    {
        var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, new Memory<float>(buffer), shape);
        _values.Add(value);
        return value;
    }

    public void Dispose()
    {
        foreach (var b in _bindings) b.Dispose();
        foreach (var v in _values) v.Dispose();
        _runOptions.Dispose();
    }
}
