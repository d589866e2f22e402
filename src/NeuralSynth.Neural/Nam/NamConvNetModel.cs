using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// NeuralAmpModelerCore's ConvNet: blocks of (dilated conv with kernel 2 → optional batch norm → activation),
/// then a linear head over the last block's channels. Batch norm is folded to a per-channel scale and shift
/// at load time, exactly as NAM does (scale = weight / sqrt(eps + running_var), shift = bias - scale·mean).
/// </summary>
internal sealed class NamConvNetModel : INeuralModel
{
    private const int KernelSize = 2;
    private readonly Conv1D[] _blocks;
    private readonly float[][]? _bnScale;
    private readonly float[][]? _bnShift;
    private readonly ActivationKind _activation;
    private readonly float[] _headWeight;
    private readonly float _headBias;
    private float[] _scratch = Array.Empty<float>();

    internal NamConvNetModel(int channels, int[] dilations, bool batchNorm, ActivationKind activation, float[] weights, double sampleRate)
    {
        var cursor = new WeightCursor(weights);
        _activation = activation;
        _blocks = new Conv1D[dilations.Length];
        if (batchNorm)
        {
            _bnScale = new float[dilations.Length][];
            _bnShift = new float[dilations.Length][];
        }
        for (int b = 0; b < dilations.Length; b++)
        {
            int inChannels = b == 0 ? 1 : channels;
            var conv = new Conv1D(inChannels, channels, KernelSize, dilations[b], bias: !batchNorm);
            for (int o = 0; o < channels; o++)
                for (int i = 0; i < inChannels; i++)
                    for (int k = 0; k < KernelSize; k++)
                        conv.SetWeight(o, i, k, cursor.Next());
            if (!batchNorm)
                for (int o = 0; o < channels; o++) conv.SetBias(o, cursor.Next());
            else
                (_bnScale![b], _bnShift![b]) = ReadBatchNorm(cursor, channels);
            _blocks[b] = conv;
        }
        _headWeight = new float[channels];
        for (int i = 0; i < channels; i++) _headWeight[i] = cursor.Next();
        _headBias = cursor.Next();
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before construction");
        SampleRate = sampleRate;
        PrewarmSamples = 1 + dilations.Sum();
    }

    private static (float[] Scale, float[] Shift) ReadBatchNorm(WeightCursor cursor, int channels)
    {
        var mean = new float[channels];
        var variance = new float[channels];
        var weight = new float[channels];
        var bias = new float[channels];
        for (int i = 0; i < channels; i++) mean[i] = cursor.Next();
        for (int i = 0; i < channels; i++) variance[i] = cursor.Next();
        for (int i = 0; i < channels; i++) weight[i] = cursor.Next();
        for (int i = 0; i < channels; i++) bias[i] = cursor.Next();
        float eps = cursor.Next();
        var scale = new float[channels];
        var shift = new float[channels];
        for (int i = 0; i < channels; i++)
        {
            scale[i] = weight[i] / MathF.Sqrt(eps + variance[i]);
            shift[i] = bias[i] - scale[i] * mean[i];
        }
        return (scale, shift);
    }

    public static long WeightCount(int channels, int[] dilations, bool batchNorm)
    {
        long total = 0;
        for (int b = 0; b < dilations.Length; b++)
        {
            int inChannels = b == 0 ? 1 : channels;
            total += (long)channels * inChannels * KernelSize + (batchNorm ? 4L * channels + 1 : channels);
        }
        return total + channels + 1;
    }

    public double SampleRate { get; }
    public int PrewarmSamples { get; }
    public int MaxBlockSize { get; private set; }

    public void Prepare(int maxBlockSize)
    {
        foreach (var block in _blocks) block.Prepare(maxBlockSize);
        _scratch = new float[_blocks[0].OutChannels * maxBlockSize];
        MaxBlockSize = maxBlockSize;
    }

    public void Reset()
    {
        foreach (var block in _blocks) block.Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int frames = input.Length;
        if (frames == 0) return;
        int channels = _blocks[0].OutChannels;
        ReadOnlySpan<float> blockInput = input;
        for (int b = 0; b < _blocks.Length; b++)
        {
            _blocks[b].Process(blockInput, frames, frames);
            for (int c = 0; c < channels; c++)
            {
                var row = _scratch.AsSpan(c * frames, frames);
                _blocks[b].Output(c, frames).CopyTo(row);
                if (_bnScale is not null)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(row, _bnScale[b][c], row);
                    System.Numerics.Tensors.TensorPrimitives.Add(row, _bnShift![b][c], row);
                }
                Activation.Apply(_activation, row);
            }
            blockInput = _scratch.AsSpan(0, channels * frames);
        }
        for (int t = 0; t < frames; t++)
        {
            float y = _headBias;
            for (int c = 0; c < channels; c++) y += _headWeight[c] * _scratch[c * frames + t];
            output[t] = y;
        }
    }
}
