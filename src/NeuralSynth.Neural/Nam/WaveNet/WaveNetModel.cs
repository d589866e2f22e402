using System.Numerics.Tensors;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// NeuralAmpModelerCore's WaveNet: layer arrays chained residual-to-input, each adding its skips onto the
/// previous array's head output, and the final head (one row) scaled by head_scale. The audio input is also
/// the condition of every layer. All buffers live in one arena sized in <see cref="Prepare"/>.
/// </summary>
public sealed class WaveNetModel : INeuralModel
{
    private readonly WaveNetLayerArray[] _arrays;
    private readonly float _headScale;
    private FloatArena _arena = new();
    private int _condition;
    private int _z;
    private int[] _heads = Array.Empty<int>();
    private int[] _outputs = Array.Empty<int>();

    internal WaveNetModel(WaveNetLayerArrayConfig[] configs, float[] weights, double sampleRate)
    {
        _arrays = configs.Select(c => new WaveNetLayerArray(c)).ToArray();
        var cursor = new WeightCursor(weights);
        foreach (var array in _arrays) array.LoadWeights(cursor);
        _headScale = cursor.Next();
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before construction");
        SampleRate = sampleRate;
        long prewarm = 1;
        foreach (var c in configs) prewarm += c.ReceptiveField();
        PrewarmSamples = (int)prewarm;
        ReceptiveField = (int)(prewarm - 1);
    }

    public IReadOnlyList<WaveNetLayerArrayConfig> LayerArrays => _arrays.Select(a => a.Config).ToArray();

    public double SampleRate { get; }

    public int PrewarmSamples { get; }

    /// <summary>Past input samples that influence the current output.</summary>
    public int ReceptiveField { get; }

    public int MaxBlockSize { get; private set; }

    /// <summary>Uses NAM's rational tanh approximation instead of exact tanh (layers configured as Tanh only).</summary>
    public bool UseFastTanh { get; set; }

    /// <summary>Exact count of weights a configuration consumes, including the trailing head scale.</summary>
    public static long WeightCount(IEnumerable<WaveNetLayerArrayConfig> configs) => configs.Sum(c => c.WeightCount()) + 1;

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        int padded = RowMatrixKernel.PadColumns(maxBlockSize);
        var arena = new FloatArena();
        _condition = arena.Reserve(padded);
        _z = arena.Reserve(_arrays.Max(a => a.Config.ConvOutputs) * padded);
        _heads = new int[_arrays.Length + 1];
        _outputs = new int[_arrays.Length];
        _heads[0] = arena.Reserve(_arrays[0].Config.Channels * padded);
        for (int i = 0; i < _arrays.Length; i++)
        {
            _heads[i + 1] = arena.Reserve(_arrays[i].Config.HeadSize * padded);
            _outputs[i] = arena.Reserve(_arrays[i].Config.Channels * padded);
            _arrays[i].Plan(arena, padded);
        }
        arena.Allocate();
        foreach (var array in _arrays) array.Bind(arena.Data);
        _arena = arena;
        MaxBlockSize = maxBlockSize;
    }

    public void Reset()
    {
        foreach (var array in _arrays) array.Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int frames = input.Length;
        if (frames == 0) return;
        if (frames > MaxBlockSize) throw new ArgumentException("block is larger than the prepared maximum");
        int padded = RowMatrixKernel.PadColumns(frames);
        float[] data = _arena.Data;

        input.CopyTo(data.AsSpan(_condition, frames));
        data.AsSpan(_condition + frames, padded - frames).Clear();
        data.AsSpan(_heads[0], _arrays[0].Config.Channels * padded).Clear();

        for (int i = 0; i < _arrays.Length; i++)
        {
            var config = _arrays[i].Config;
            var activation = UseFastTanh && config.Activation == ActivationKind.Tanh ? ActivationKind.FastTanh : config.Activation;
            int arrayInput = i == 0 ? _condition : _outputs[i - 1];
            _arrays[i].Process(data, arrayInput, _condition, _z, _heads[i], _heads[i + 1], _outputs[i],
                frames, padded, activation);
        }

        TensorPrimitives.Multiply(data.AsSpan(_heads[^1], frames), _headScale, output[..frames]);
    }
}
