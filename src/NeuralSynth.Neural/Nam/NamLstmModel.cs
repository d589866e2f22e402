using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// NeuralAmpModelerCore's LSTM: stacked <see cref="LstmCell"/>s stepped per sample, then a linear head on the
/// last hidden state. Each layer's initial hidden and cell state are part of the weights.
/// </summary>
public sealed class NamLstmModel : INeuralModel
{
    private readonly LstmCell[] _layers;
    private readonly float[] _headWeight; // padded like the last layer's hidden state (zeros past H)
    private readonly float _headBias;

    internal NamLstmModel(int numLayers, int inputSize, int hiddenSize, float[] weights, double sampleRate)
    {
        var cursor = new WeightCursor(weights);
        _layers = new LstmCell[numLayers];
        for (int l = 0; l < numLayers; l++)
        {
            int inSize = l == 0 ? inputSize : hiddenSize;
            var cell = new LstmCell(inSize, hiddenSize);
            // W is [4H][in + H] row-major (PyTorch's weight_ih and weight_hh side by side), then 4H biases.
            for (int row = 0; row < 4 * hiddenSize; row++)
                for (int col = 0; col < inSize + hiddenSize; col++)
                    cell.SetWeight(row, col, cursor.Next());
            for (int row = 0; row < 4 * hiddenSize; row++) cell.AddBias(row, cursor.Next());
            var h = new float[hiddenSize];
            var c = new float[hiddenSize];
            for (int i = 0; i < hiddenSize; i++) h[i] = cursor.Next();
            for (int i = 0; i < hiddenSize; i++) c[i] = cursor.Next();
            cell.SetInitialState(h, c);
            _layers[l] = cell;
        }
        _headWeight = new float[_layers[^1].PaddedHiddenSize];
        for (int i = 0; i < hiddenSize; i++) _headWeight[i] = cursor.Next();
        _headBias = cursor.Next();
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before construction");
        SampleRate = sampleRate;
        PrewarmSamples = (int)(0.5 * sampleRate);
    }

    public static long WeightCount(int numLayers, int inputSize, int hiddenSize)
    {
        long total = 0;
        for (int l = 0; l < numLayers; l++)
        {
            int inSize = l == 0 ? inputSize : hiddenSize;
            total += 4L * hiddenSize * (inSize + hiddenSize) + 4L * hiddenSize + 2L * hiddenSize;
        }
        return total + hiddenSize + 1;
    }

    public double SampleRate { get; }

    /// <summary>Half a second, as NeuralAmpModelerCore uses for recurrent models.</summary>
    public int PrewarmSamples { get; }

    public int MaxBlockSize { get; private set; }

    public bool UseFastTanh
    {
        get => _layers.Length > 0 && _layers[0].TanhKind == ActivationKind.FastTanh;
        set
        {
            foreach (var layer in _layers) layer.TanhKind = value ? ActivationKind.FastTanh : ActivationKind.Tanh;
        }
    }

    /// <summary>Vector width the cells' kernels run at, in bits (32 when scalar; a hidden size up to 8 runs
    /// one 256-bit block even where 512-bit vectors are available).</summary>
    public int VectorBits => _layers.Length == 0 ? 0 : Math.Min(_layers[0].LaneWidth, _layers[0].PaddedHiddenSize) * 32;

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        MaxBlockSize = maxBlockSize;
    }

    public void Reset()
    {
        foreach (var layer in _layers) layer.Reset();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length < input.Length) throw new ArgumentException("output shorter than input", nameof(output));
        var layers = _layers;
        var last = layers[^1];
        for (int t = 0; t < input.Length; t++)
        {
            ReadOnlySpan<float> x = new(in input[t]);
            for (int l = 0; l < layers.Length; l++)
            {
                layers[l].Step(x);
                x = layers[l].Hidden;
            }
            output[t] = Head(last.PaddedHidden);
        }
    }

    /// <summary>Head bias + w·h over the padded hidden state (padding is zero on both sides).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float Head(ReadOnlySpan<float> hidden)
    {
        ref float h = ref MemoryMarshal.GetReference(hidden);
        ref float w = ref MemoryMarshal.GetArrayDataReference(_headWeight);
        int n = _headWeight.Length, i = 0;
        float y = _headBias;
        if (Vector512.IsHardwareAccelerated && n >= 16)
        {
            var sum = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16)
                sum = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)i), Vector512.LoadUnsafe(ref h, (nuint)i), sum);
            y += Vector512.Sum(sum);
        }
        if (Vector256.IsHardwareAccelerated && i + 8 <= n)
        {
            var sum = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
                sum = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref w, (nuint)i), Vector256.LoadUnsafe(ref h, (nuint)i), sum);
            y += Vector256.Sum(sum);
        }
        for (; i < n; i++) y += _headWeight[i] * hidden[i];
        return y;
    }
}
