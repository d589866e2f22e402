using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// One LSTM layer stepped a frame at a time, PyTorch semantics (gate order i, f, g, o):
/// <c>c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c)</c> with <c>[i f g o] = W [x; h] + b</c>.
/// <para>
/// Layout, prepared once at construction: each gate's H rows are padded to whole vectors of
/// <see cref="LaneWidth"/> lanes (HP = H rounded up), and W is stored column by column, so column j is
/// [i(HP) f(HP) g(HP) o(HP)]. A step then keeps four accumulators per lane block in registers (i, f, g, o
/// of the same hidden units), sweeps the columns with one broadcast and four FMAs each, and finishes the
/// cell update for that block without leaving registers. Padded lanes have zero weights and bias, so
/// their cell and hidden state stay exactly zero.
/// </para>
/// </summary>
public sealed class LstmCell
{
    private readonly float[] _packed; // [(input + hidden)][4 * HP]
    private readonly float[] _bias;   // [4 * HP]
    private readonly float[] _initialHidden;
    private readonly float[] _initialCell;
    private float[] _hidden;          // HP, padded lanes zero
    private float[] _nextHidden;      // HP, written by a step then swapped in
    private readonly float[] _cell;   // HP

    public LstmCell(int inputSize, int hiddenSize) : this(inputSize, hiddenSize, DefaultLaneWidth(hiddenSize)) { }

    /// <param name="laneWidth">16 (Vector512), 8 (Vector256) or 1 (scalar).</param>
    internal LstmCell(int inputSize, int hiddenSize, int laneWidth)
    {
        if (inputSize <= 0 || hiddenSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize));
        if (laneWidth is not (1 or 8 or 16)) throw new ArgumentOutOfRangeException(nameof(laneWidth));
        if (laneWidth == 16 && !Vector512.IsHardwareAccelerated || laneWidth == 8 && !Vector256.IsHardwareAccelerated)
            throw new PlatformNotSupportedException($"{laneWidth}-lane vectors are not accelerated here");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        LaneWidth = laneWidth;
        PaddedHiddenSize = (hiddenSize + laneWidth - 1) / laneWidth * laneWidth;
        _packed = new float[(inputSize + hiddenSize) * 4 * PaddedHiddenSize];
        _bias = new float[4 * PaddedHiddenSize];
        _initialHidden = new float[PaddedHiddenSize];
        _initialCell = new float[PaddedHiddenSize];
        _hidden = new float[PaddedHiddenSize];
        _nextHidden = new float[PaddedHiddenSize];
        _cell = new float[PaddedHiddenSize];
    }

    /// <summary>
    /// 512-bit lanes where the CPU has them, unless that pads the hidden size more than 256-bit lanes would
    /// (H = 3 fills 3 of 16 lanes but 3 of 8): on cores that split a 512-bit FMA in two (AMD Zen 4) the
    /// padded lanes cost real time. <see cref="SimdWidth.Force256"/> pins tests to the 256-bit path.
    /// </summary>
    internal static int DefaultLaneWidth(int hiddenSize)
    {
        if (SimdWidth.LstmLanes != 0) return SimdWidth.LstmLanes;
        int pad8 = (hiddenSize + 7) / 8 * 8, pad16 = (hiddenSize + 15) / 16 * 16;
        if (SimdWidth.Use512 && pad16 <= pad8) return 16;
        if (SimdWidth.Use256) return 8;
        return SimdWidth.Use512 ? 16 : 1;
    }

    public int InputSize { get; }
    public int HiddenSize { get; }

    /// <summary>Lanes per vector in this cell's kernel: 16, 8 or 1.</summary>
    internal int LaneWidth { get; }

    /// <summary>Hidden size rounded up to whole vectors.</summary>
    internal int PaddedHiddenSize { get; }

    /// <summary>Tanh flavour for the cell; <see cref="ActivationKind.FastTanh"/> mirrors NAM's fast mode
    /// (its fast tanh and fast sigmoid).</summary>
    public ActivationKind TanhKind { get; set; } = ActivationKind.Tanh;

    public ReadOnlySpan<float> Hidden => new(_hidden, 0, HiddenSize);

    /// <summary>The hidden state with its zero padding up to <see cref="PaddedHiddenSize"/>.</summary>
    internal ReadOnlySpan<float> PaddedHidden => _hidden;

    /// <param name="gateRow">Row of the stacked gate matrix, 0..4H-1, in i, f, g, o order.</param>
    /// <param name="column">0..InputSize-1 for the input, InputSize.. for the recurrent hidden state.</param>
    public void SetWeight(int gateRow, int column, float value) => _packed[column * 4 * PaddedHiddenSize + PaddedRow(gateRow)] = value;

    /// <summary>Adds to a gate bias (PyTorch keeps two biases per gate that simply sum).</summary>
    public void AddBias(int gateRow, float value) => _bias[PaddedRow(gateRow)] += value;

    private int PaddedRow(int gateRow)
    {
        if ((uint)gateRow >= (uint)(4 * HiddenSize)) throw new ArgumentOutOfRangeException(nameof(gateRow));
        return gateRow / HiddenSize * PaddedHiddenSize + gateRow % HiddenSize;
    }

    public void SetInitialState(ReadOnlySpan<float> hidden, ReadOnlySpan<float> cell)
    {
        hidden.CopyTo(_initialHidden);
        cell.CopyTo(_initialCell);
        Reset();
    }

    public void Reset()
    {
        _initialHidden.CopyTo(_hidden, 0);
        _initialCell.CopyTo(_cell, 0);
    }

    /// <remarks>The step kernels are compiled fully optimized from the first call
    /// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a JIT host then never runs the audio path in
    /// unoptimized tier-0 code, and the code matches what NativeAOT ships (no tiering, no dynamic PGO).</remarks>
    public void Step(ReadOnlySpan<float> input)
    {
        if (input.Length < InputSize) throw new ArgumentException("input shorter than the cell's input size", nameof(input));
        bool fast = TanhKind == ActivationKind.FastTanh;
        if (LaneWidth == 16) Step512(ref MemoryMarshal.GetReference(input), fast);
        else if (LaneWidth == 8) Step256(ref MemoryMarshal.GetReference(input), fast);
        else StepScalar(input, fast);
        (_hidden, _nextHidden) = (_nextHidden, _hidden);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step512(ref float x0, bool fast)
    {
        int hp = PaddedHiddenSize, stride = 4 * hp, inputs = InputSize, h = HiddenSize;
        nuint s1 = (nuint)hp, s2 = 2 * (nuint)hp, s3 = 3 * (nuint)hp;
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float hidden = ref MemoryMarshal.GetArrayDataReference(_hidden);
        ref float next = ref MemoryMarshal.GetArrayDataReference(_nextHidden);
        ref float cell = ref MemoryMarshal.GetArrayDataReference(_cell);
        for (int off = 0; off < hp; off += 16)
        {
            ref float col = ref Unsafe.Add(ref w0, off);
            ref float bias = ref Unsafe.Add(ref b0, off);
            var ai = Vector512.LoadUnsafe(ref bias);
            var af = Vector512.LoadUnsafe(ref bias, s1);
            var ag = Vector512.LoadUnsafe(ref bias, s2);
            var ao = Vector512.LoadUnsafe(ref bias, s3);
            for (int j = 0; j < inputs; j++)
            {
                var x = Vector512.Create(Unsafe.Add(ref x0, j));
                ai = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col), x, ai);
                af = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s1), x, af);
                ag = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s3), x, ao);
                col = ref Unsafe.Add(ref col, stride);
            }
            // Recurrent columns in two interleaved accumulator sets, halving the FMA dependency chains.
            Vector512<float> bi = default, bf = default, bg = default, bo = default;
            int k = 0;
            for (; k + 1 < h; k += 2)
            {
                var x = Vector512.Create(Unsafe.Add(ref hidden, k));
                ai = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col), x, ai);
                af = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s1), x, af);
                ag = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s3), x, ao);
                col = ref Unsafe.Add(ref col, stride);
                var y = Vector512.Create(Unsafe.Add(ref hidden, k + 1));
                bi = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col), y, bi);
                bf = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s1), y, bf);
                bg = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s2), y, bg);
                bo = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s3), y, bo);
                col = ref Unsafe.Add(ref col, stride);
            }
            if (k < h)
            {
                var x = Vector512.Create(Unsafe.Add(ref hidden, k));
                ai = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col), x, ai);
                af = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s1), x, af);
                ag = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref col, s3), x, ao);
            }
            ai += bi; af += bf; ag += bg; ao += bo;

            Vector512<float> c;
            var previous = Vector512.LoadUnsafe(ref cell, (nuint)off);
            if (fast)
            {
                c = Vector512.FusedMultiplyAdd(VectorGates.FastSigmoid(af), previous, VectorGates.FastSigmoid(ai) * VectorGates.FastTanh(ag));
                c.StoreUnsafe(ref cell, (nuint)off);
                (VectorGates.FastSigmoid(ao) * VectorGates.FastTanh(c)).StoreUnsafe(ref next, (nuint)off);
            }
            else
            {
                c = Vector512.FusedMultiplyAdd(VectorGates.Sigmoid(af), previous, VectorGates.Sigmoid(ai) * VectorGates.Tanh(ag));
                c.StoreUnsafe(ref cell, (nuint)off);
                (VectorGates.Sigmoid(ao) * VectorGates.Tanh(c)).StoreUnsafe(ref next, (nuint)off);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Step256(ref float x0, bool fast)
    {
        int hp = PaddedHiddenSize, stride = 4 * hp, inputs = InputSize, h = HiddenSize;
        nuint s1 = (nuint)hp, s2 = 2 * (nuint)hp, s3 = 3 * (nuint)hp;
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float hidden = ref MemoryMarshal.GetArrayDataReference(_hidden);
        ref float next = ref MemoryMarshal.GetArrayDataReference(_nextHidden);
        ref float cell = ref MemoryMarshal.GetArrayDataReference(_cell);
        for (int off = 0; off < hp; off += 8)
        {
            ref float col = ref Unsafe.Add(ref w0, off);
            ref float bias = ref Unsafe.Add(ref b0, off);
            var ai = Vector256.LoadUnsafe(ref bias);
            var af = Vector256.LoadUnsafe(ref bias, s1);
            var ag = Vector256.LoadUnsafe(ref bias, s2);
            var ao = Vector256.LoadUnsafe(ref bias, s3);
            for (int j = 0; j < inputs; j++)
            {
                var x = Vector256.Create(Unsafe.Add(ref x0, j));
                ai = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col), x, ai);
                af = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s1), x, af);
                ag = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s3), x, ao);
                col = ref Unsafe.Add(ref col, stride);
            }
            Vector256<float> bi = default, bf = default, bg = default, bo = default;
            int k = 0;
            for (; k + 1 < h; k += 2)
            {
                var x = Vector256.Create(Unsafe.Add(ref hidden, k));
                ai = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col), x, ai);
                af = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s1), x, af);
                ag = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s3), x, ao);
                col = ref Unsafe.Add(ref col, stride);
                var y = Vector256.Create(Unsafe.Add(ref hidden, k + 1));
                bi = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col), y, bi);
                bf = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s1), y, bf);
                bg = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s2), y, bg);
                bo = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s3), y, bo);
                col = ref Unsafe.Add(ref col, stride);
            }
            if (k < h)
            {
                var x = Vector256.Create(Unsafe.Add(ref hidden, k));
                ai = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col), x, ai);
                af = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s1), x, af);
                ag = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s2), x, ag);
                ao = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref col, s3), x, ao);
            }
            ai += bi; af += bf; ag += bg; ao += bo;

            Vector256<float> c;
            var previous = Vector256.LoadUnsafe(ref cell, (nuint)off);
            if (fast)
            {
                c = Vector256.FusedMultiplyAdd(VectorGates.FastSigmoid(af), previous, VectorGates.FastSigmoid(ai) * VectorGates.FastTanh(ag));
                c.StoreUnsafe(ref cell, (nuint)off);
                (VectorGates.FastSigmoid(ao) * VectorGates.FastTanh(c)).StoreUnsafe(ref next, (nuint)off);
            }
            else
            {
                c = Vector256.FusedMultiplyAdd(VectorGates.Sigmoid(af), previous, VectorGates.Sigmoid(ai) * VectorGates.Tanh(ag));
                c.StoreUnsafe(ref cell, (nuint)off);
                (VectorGates.Sigmoid(ao) * VectorGates.Tanh(c)).StoreUnsafe(ref next, (nuint)off);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepScalar(ReadOnlySpan<float> input, bool fast)
    {
        int h = HiddenSize, hp = PaddedHiddenSize, stride = 4 * hp;
        var packed = _packed;
        for (int k = 0; k < h; k++)
        {
            float ai = _bias[k], af = _bias[hp + k], ag = _bias[2 * hp + k], ao = _bias[3 * hp + k];
            for (int j = 0; j < InputSize + h; j++)
            {
                float x = j < InputSize ? input[j] : _hidden[j - InputSize];
                int at = j * stride + k;
                ai += packed[at] * x;
                af += packed[at + hp] * x;
                ag += packed[at + 2 * hp] * x;
                ao += packed[at + 3 * hp] * x;
            }
            float c, hNew;
            if (fast)
            {
                c = Activations.FastTanh.Sigmoid(af) * _cell[k] + Activations.FastTanh.Sigmoid(ai) * Activations.FastTanh.Evaluate(ag);
                hNew = Activations.FastTanh.Sigmoid(ao) * Activations.FastTanh.Evaluate(c);
            }
            else
            {
                c = Sigmoid(af) * _cell[k] + Sigmoid(ai) * MathF.Tanh(ag);
                hNew = Sigmoid(ao) * MathF.Tanh(c);
            }
            _cell[k] = c;
            _nextHidden[k] = hNew;
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
