using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Ddsp.Runtime;

/// <summary>
/// One decoder frame for a batch of voices, computed the way decoder.py's DecoderStep does (and its ONNX
/// export): scale f0 and loudness, two MLPs, GRU, output MLP over [GRU out, MLP outs], head, exp_sigmoid,
/// band-limited and normalized harmonic distribution. All scratch is sized for <see cref="Capacity"/> voices at
/// construction; <see cref="Run"/> allocates nothing and calls nothing native.
/// </summary>
internal sealed class DecoderNetwork
{
    private readonly DecoderWeights _w;
    private readonly int _harmonics, _bands, _hidden, _width, _jointWidth;
    private readonly float _fadeEndHz, _fadeLengthHz;
    private readonly float[] _f0Scaled, _loudnessScaled, _mlpHidden, _mlpOut, _joint, _outHidden, _outLast, _head;
    private readonly float[][] _gatesInput, _gatesHidden; // per gate z, r, h: [capacity × H]
    private readonly float[] _nextState;

    public DecoderNetwork(DecoderWeights weights, int harmonics, int bands, double bandMaxHz, int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity));
        _w = weights;
        Capacity = capacity;
        _harmonics = harmonics;
        _bands = bands;
        _hidden = weights.Hidden;
        _width = weights.MlpWidth;
        _jointWidth = _hidden + 2 * _width;
        _fadeEndHz = (float)(DecoderRecipe.FadeEnd * bandMaxHz);
        _fadeLengthHz = (float)((DecoderRecipe.FadeEnd - DecoderRecipe.FadeStart) * bandMaxHz);
        _f0Scaled = new float[capacity];
        _loudnessScaled = new float[capacity];
        _mlpHidden = new float[capacity * Math.Max(Stride(weights.F0Mlp[0].Linear), Stride(weights.LoudnessMlp[0].Linear))];
        _mlpOut = new float[capacity * Stride(weights.F0Mlp[1].Linear)];
        _joint = new float[capacity * _jointWidth];
        if (Stride(weights.GruInput[0]) != _hidden) throw new ArgumentException($"GRU hidden size {_hidden} must be a multiple of {DenseWeights.OutputAlignment}");
        _gatesInput = [new float[capacity * _hidden], new float[capacity * _hidden], new float[capacity * _hidden]];
        _gatesHidden = [new float[capacity * _hidden], new float[capacity * _hidden], new float[capacity * _hidden]];
        _nextState = new float[capacity * _hidden];
        _outHidden = new float[capacity * Stride(weights.OutMlp[0].Linear)];
        _outLast = new float[capacity * Stride(weights.OutMlp[1].Linear)];
        _head = new float[capacity * Stride(weights.Head)];
    }

    public int Capacity { get; }

    private static int Stride(DenseWeights w) => w.PaddedOutputs;

    /// <summary>Inputs and outputs are row-major [rows × width] with the manifest's widths, as DecoderBatch holds them.</summary>
    public void Run(int rows, ReadOnlySpan<float> f0Hz, ReadOnlySpan<float> loudnessDb, ReadOnlySpan<float> stateIn,
        Span<float> amplitude, Span<float> distribution, Span<float> noise, Span<float> stateOut)
    {
        if ((uint)(rows - 1) >= (uint)Capacity) throw new ArgumentOutOfRangeException(nameof(rows));
        int h = _hidden, m = _width, jw = _jointWidth;
        for (int r = 0; r < rows; r++)
        {
            _f0Scaled[r] = DecoderRecipe.ScaleF0(f0Hz[r]);
            _loudnessScaled[r] = DecoderRecipe.ScaleLoudness(loudnessDb[r]);
        }

        // Joint row layout: [GRU output (h) | f0 MLP (m) | loudness MLP (m)] — the GRU reads the last 2m,
        // the output MLP reads the whole row: both concatenations of decoder.py without copies.
        Mlp(_w.F0Mlp, _f0Scaled, rows, h);
        Mlp(_w.LoudnessMlp, _loudnessScaled, rows, h + m);

        for (int gate = 0; gate < 3; gate++)
        {
            BatchGemm.Multiply(_w.GruInput[gate], _joint.AsSpan(h), jw, _gatesInput[gate], h, rows);
            BatchGemm.Multiply(_w.GruRecurrent[gate], stateIn, h, _gatesHidden[gate], h, rows);
        }
        int n = rows * h;
        GruGates.Combine(_gatesInput[0].AsSpan(0, n), _gatesHidden[0].AsSpan(0, n), _gatesInput[1].AsSpan(0, n), _gatesHidden[1].AsSpan(0, n),
            _gatesInput[2].AsSpan(0, n), _gatesHidden[2].AsSpan(0, n), stateIn[..n], _nextState.AsSpan(0, n));
        _nextState.AsSpan(0, n).CopyTo(stateOut);
        for (int r = 0; r < rows; r++) _nextState.AsSpan(r * h, h).CopyTo(_joint.AsSpan(r * jw, h));

        var (first, firstNorm) = _w.OutMlp[0];
        var (second, secondNorm) = _w.OutMlp[1];
        BatchGemm.Multiply(first, _joint, jw, _outHidden, Stride(first), rows);
        firstNorm.Apply(_outHidden, Stride(first), rows);
        BatchGemm.Multiply(second, _outHidden, Stride(first), _outLast, Stride(second), rows);
        secondNorm.Apply(_outLast, Stride(second), rows);
        int headStride = Stride(_w.Head);
        BatchGemm.Multiply(_w.Head, _outLast, Stride(second), _head, headStride, rows);
        ExpSigmoid.Apply(_head.AsSpan(0, rows * headStride));

        for (int r = 0; r < rows; r++)
        {
            var row = _head.AsSpan(r * headStride, 1 + _harmonics + _bands);
            amplitude[r] = row[0];
            BandLimit(row.Slice(1, _harmonics), f0Hz[r], distribution.Slice(r * _harmonics, _harmonics));
            row.Slice(1 + _harmonics, _bands).CopyTo(noise.Slice(r * _bands, _bands));
        }
    }

    /// <summary>mlp(): the first layer writes scratch, the second writes its columns of the joint rows.</summary>
    private void Mlp((DenseWeights Linear, NormalizedLeakyRelu Norm)[] layers, float[] input, int rows, int jointColumn)
    {
        var (first, firstNorm) = layers[0];
        var (second, secondNorm) = layers[1];
        BatchGemm.Multiply(first, input, 1, _mlpHidden, Stride(first), rows);
        firstNorm.Apply(_mlpHidden, Stride(first), rows);
        BatchGemm.Multiply(second, _mlpHidden, Stride(first), _mlpOut, Stride(second), rows);
        secondNorm.Apply(_mlpOut, Stride(second), rows);
        for (int r = 0; r < rows; r++) _mlpOut.AsSpan(r * Stride(second), _width).CopyTo(_joint.AsSpan(r * _jointWidth + jointColumn, _width));
    }

    /// <summary>Harmonic k·f0 fades to 0 between the fade start and end (absolute Hz), then the distribution sums
    /// to 1. Vectorized over harmonics with the graph's operations (multiply, subtract, divide, clamp), so each
    /// element rounds as ONNX Runtime's does; only the order of the sum differs.</summary>
    private void BandLimit(ReadOnlySpan<float> raw, float f0Hz, Span<float> distribution)
    {
        int n = raw.Length, k = 0;
        float sum = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var f0 = Vector512.Create(f0Hz);
            var end = Vector512.Create(_fadeEndHz);
            var length = Vector512.Create(_fadeLengthHz);
            var number = Vector512.Create(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f, 16f);
            var total = Vector512<float>.Zero;
            ref float source = ref MemoryMarshal.GetReference(raw);
            ref float target = ref MemoryMarshal.GetReference(distribution);
            for (; k + 16 <= n; k += 16)
            {
                var mask = Vector512.Min(Vector512.Max((end - f0 * number) / length, Vector512<float>.Zero), Vector512<float>.One);
                var value = Vector512.LoadUnsafe(ref source, (nuint)k) * mask;
                value.StoreUnsafe(ref target, (nuint)k);
                total += value;
                number += Vector512.Create(16f);
            }
            sum = Vector512.Sum(total);
        }
        for (; k < n; k++)
        {
            float mask = Math.Clamp((_fadeEndHz - f0Hz * (k + 1)) / _fadeLengthHz, 0f, 1f);
            float value = raw[k] * mask;
            distribution[k] = value;
            sum += value;
        }
        TensorPrimitives.Divide(distribution, MathF.Max(sum, DecoderRecipe.MinDistributionSum), distribution);
    }
}
