using System.Numerics.Tensors;
using NeuralSynth.Neural.Kernels;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// NeuralAmpModelerCore's WaveNet: layer arrays chained residual-to-input, each adding its skips onto the
/// previous array's head output, and the final head scaled by head_scale. The condition every layer mixes in
/// is the audio input itself, or (format 0.6) the output of a <see cref="ConditionDsp"/>, a second WaveNet run
/// on the same input. All buffers live in one arena sized in <see cref="Prepare"/>.
/// </summary>
public sealed class WaveNetModel : INeuralModel
{
    private readonly WaveNetLayerArray[] _arrays;
    private readonly float _headScale;
    private readonly WaveNetScratch _scratch = new();
    private FloatArena _arena = new();
    private int _audio;
    private int[] _heads = Array.Empty<int>();
    private int[] _outputs = Array.Empty<int>();

    internal WaveNetModel(WaveNetLayerArrayConfig[] configs, float[] weights, double sampleRate, WaveNetModel? conditionDsp = null)
    {
        _arrays = configs.Select(c => new WaveNetLayerArray(c)).ToArray();
        var cursor = new WeightCursor(weights);
        foreach (var array in _arrays) array.LoadWeights(cursor);
        _headScale = cursor.Next();
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before construction");
        SampleRate = sampleRate;
        ConditionDsp = conditionDsp;
        long receptiveField = configs.Sum(c => c.ReceptiveField());
        // NAM pre-warms for the condition DSP's own pre-warm (or 1 sample) plus every array's receptive field.
        PrewarmSamples = (int)((conditionDsp?.PrewarmSamples ?? 1) + receptiveField);
        ReceptiveField = (int)receptiveField + (conditionDsp?.ReceptiveField ?? 0);
    }

    public IReadOnlyList<WaveNetLayerArrayConfig> LayerArrays => _arrays.Select(a => a.Config).ToArray();

    /// <summary>The WaveNet that computes the condition signal from the input, or null when the input is the condition.</summary>
    public WaveNetModel? ConditionDsp { get; }

    /// <summary>Rows of the final head (1 for a model; the condition width for a condition DSP).</summary>
    public int OutputChannels => _arrays[^1].Config.HeadSize;

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
        ConditionDsp?.Prepare(maxBlockSize);
        int padded = RowMatrixKernel.PadColumns(maxBlockSize);
        var configs = _arrays.Select(a => a.Config).ToArray();
        int conditionRows = configs[0].ConditionSize;
        int bottleneck = configs.Max(c => c.Bottleneck);
        var arena = new FloatArena();
        _audio = arena.Reserve(padded);
        _scratch.Condition = ConditionDsp is null ? _audio : arena.Reserve(conditionRows * padded);
        _scratch.FilmedCondition = arena.Reserve(conditionRows * padded);
        _scratch.Z = arena.Reserve(configs.Max(c => c.MaxConvOutputs) * padded);
        _scratch.Mixin = arena.Reserve(configs.Max(c => c.MaxConvOutputs) * padded);
        _scratch.PreActivation = arena.Reserve(bottleneck * padded);
        _scratch.Film = arena.Reserve(Math.Max(1, _arrays.Max(a => a.FilmScratchRows)) * padded);
        _scratch.Layer1x1 = arena.Reserve(configs.Max(c => c.Channels) * padded);
        _scratch.Head1x1 = arena.Reserve(configs.Max(c => c.HeadInputSize) * padded);
        _heads = new int[_arrays.Length];
        _outputs = new int[_arrays.Length];
        for (int i = 0; i < _arrays.Length; i++)
        {
            _heads[i] = arena.Reserve(_arrays[i].Config.HeadSize * padded);
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
        ConditionDsp?.Reset();
        foreach (var array in _arrays) array.Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int frames = input.Length;
        if (frames == 0) return;
        Run(input);
        TensorPrimitives.Multiply(_arena.Data.AsSpan(_heads[^1], frames), _headScale, output[..frames]);
    }

    /// <summary>
    /// Runs a block and writes head_scale × each final head row (<see cref="OutputChannels"/> rows, padded
    /// columns) into another arena, as a condition DSP's output.
    /// </summary>
    internal void ProcessRows(ReadOnlySpan<float> input, float[] destination, int offset, int stride)
    {
        int padded = RowMatrixKernel.PadColumns(input.Length);
        Run(input);
        for (int r = 0; r < OutputChannels; r++)
            TensorPrimitives.Multiply(_arena.Data.AsSpan(_heads[^1] + r * padded, padded), _headScale,
                destination.AsSpan(offset + r * stride, padded));
    }

    private void Run(ReadOnlySpan<float> input)
    {
        int frames = input.Length;
        if (frames > MaxBlockSize) throw new ArgumentException("block is larger than the prepared maximum");
        int padded = RowMatrixKernel.PadColumns(frames);
        float[] data = _arena.Data;

        input.CopyTo(data.AsSpan(_audio, frames));
        data.AsSpan(_audio + frames, padded - frames).Clear();
        ConditionDsp?.ProcessRows(input, data, _scratch.Condition, padded);

        for (int i = 0; i < _arrays.Length; i++)
        {
            int arrayInput = i == 0 ? _audio : _outputs[i - 1];
            int headIn = i == 0 ? -1 : _heads[i - 1];
            _arrays[i].Process(data, _scratch, arrayInput, headIn, _heads[i], _outputs[i], frames, padded, UseFastTanh);
        }
    }
}
