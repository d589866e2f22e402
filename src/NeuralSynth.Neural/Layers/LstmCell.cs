using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NeuralSynth.Engine.Simd;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Kernels;

namespace NeuralSynth.Neural.Layers;

/// <summary>
/// One LSTM layer stepped a frame at a time, PyTorch semantics (gate order i, f, g, o):
/// <c>c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c)</c> with <c>[i f g o] = W [x; h] + b</c>.
/// <para>
/// Layout, prepared once at construction: each gate's H rows are padded (HP: a multiple of 16 with AVX-512,
/// of 8 with AVX2 or when H ≤ 8), and W is stored column by column, so column j is [i(HP) f(HP) g(HP) o(HP)].
/// A step walks the hidden units in blocks of <see cref="LaneWidth"/> lanes (two 16-lane blocks at a time,
/// interleaved, with AVX-512): it keeps the i, f, g, o accumulators of the block's units in registers, sweeps the
/// columns with one broadcast and four FMAs each (four interleaved chains over the recurrent columns), and
/// finishes sigmoid/tanh and the cell update for the block without leaving registers. Padded lanes have zero
/// weights and bias, so their cell and hidden state stay exactly zero.
/// </para>
/// </summary>
internal sealed class LstmCell
{
    // All state lives in one pinned array, each segment starting on a 64-byte boundary: a step stores the new
    // hidden state as vectors and the next step reads it back lane by lane, and a vector store that straddles
    // a cache line cannot forward to those loads (measured: up to ~35% slower steps, varying with where the
    // GC happened to place separate arrays).
    private readonly float[] _buffer;
    private readonly int _packed;        // [(input + hidden)][4 * HP]
    private readonly int _bias;          // [4 * HP]
    private readonly int _initialHidden; // HP
    private readonly int _initialCell;   // HP
    private readonly int _cell;          // HP
    private int _hidden;                 // HP, padded lanes zero
    private int _nextHidden;             // HP, written by a step then swapped in

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
        // 16-lane cells pad to 16 (two 512-bit blocks are stepped together, interleaved), except that a
        // hidden size up to 8 takes one 8-lane block; 8-lane cells pad to 8.
        int pad = laneWidth == 1 ? 1 : laneWidth == 16 && hiddenSize > 8 ? 16 : 8;
        PaddedHiddenSize = (hiddenSize + pad - 1) / pad * pad;
        int hp = PaddedHiddenSize, at = 0;
        int Segment(int length)
        {
            int start = at;
            at += (length + 15) / 16 * 16;
            return start;
        }
        _packed = Segment((inputSize + hiddenSize) * 4 * hp);
        _bias = Segment(4 * hp);
        _initialHidden = Segment(hp);
        _initialCell = Segment(hp);
        _cell = Segment(hp);
        _hidden = Segment(hp);
        _nextHidden = Segment(hp);
        _buffer = GC.AllocateArray<float>(at + 16, pinned: true);
        int shift = AlignmentShift(_buffer);
        _packed += shift; _bias += shift; _initialHidden += shift; _initialCell += shift; _cell += shift;
        _hidden += shift; _nextHidden += shift;
    }

    /// <summary>
    /// 16 (Vector512) where the CPU accelerates it, else 8 (Vector256), else scalar.
    /// <see cref="SimdWidth.Force256"/> and <see cref="SimdWidth.LstmLanes"/> let tests pin a width.
    /// </summary>
    internal static int DefaultLaneWidth(int hiddenSize)
    {
        if (SimdWidth.LstmLanes != 0) return SimdWidth.LstmLanes;
        if (SimdWidth.Use512) return 16;
        return SimdWidth.Use256 ? 8 : 1;
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

    /// <summary>Elements to skip so that element 0 of the (pinned, never moving) array is 64-byte aligned.</summary>
    private static unsafe int AlignmentShift(float[] pinned)
    {
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
        return (int)((64 - (address & 63)) & 63) / sizeof(float);
    }

    private ref float At(int offset) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), offset);

    public ReadOnlySpan<float> Hidden => new(_buffer, _hidden, HiddenSize);

    /// <summary>The hidden state with its zero padding up to <see cref="PaddedHiddenSize"/>.</summary>
    internal ReadOnlySpan<float> PaddedHidden => new(_buffer, _hidden, PaddedHiddenSize);

    /// <param name="gateRow">Row of the stacked gate matrix, 0..4H-1, in i, f, g, o order.</param>
    /// <param name="column">0..InputSize-1 for the input, InputSize.. for the recurrent hidden state.</param>
    public void SetWeight(int gateRow, int column, float value) => _buffer[_packed + Column(column) * 4 * PaddedHiddenSize + PaddedRow(gateRow)] = value;

    private int Column(int column) =>
        (uint)column < (uint)(InputSize + HiddenSize) ? column : throw new ArgumentOutOfRangeException(nameof(column));

    /// <summary>Adds to a gate bias (PyTorch keeps two biases per gate that simply sum).</summary>
    public void AddBias(int gateRow, float value) => _buffer[_bias + PaddedRow(gateRow)] += value;

    private int PaddedRow(int gateRow)
    {
        if ((uint)gateRow >= (uint)(4 * HiddenSize)) throw new ArgumentOutOfRangeException(nameof(gateRow));
        return gateRow / HiddenSize * PaddedHiddenSize + gateRow % HiddenSize;
    }

    public void SetInitialState(ReadOnlySpan<float> hidden, ReadOnlySpan<float> cell)
    {
        hidden.CopyTo(_buffer.AsSpan(_initialHidden, HiddenSize));
        cell.CopyTo(_buffer.AsSpan(_initialCell, HiddenSize));
        Reset();
    }

    public void Reset()
    {
        _buffer.AsSpan(_initialHidden, PaddedHiddenSize).CopyTo(_buffer.AsSpan(_hidden, PaddedHiddenSize));
        _buffer.AsSpan(_initialCell, PaddedHiddenSize).CopyTo(_buffer.AsSpan(_cell, PaddedHiddenSize));
    }

    /// <remarks>The kernels are compiled fully optimized from the first call
    /// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a JIT host then never runs the audio path in
    /// unoptimized tier-0 code, and the code matches what NativeAOT ships (no tiering, no dynamic PGO).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Step(ReadOnlySpan<float> input)
    {
        if (input.Length < InputSize) throw new ArgumentException("input shorter than the cell's input size", nameof(input));
        bool fast = TanhKind == ActivationKind.FastTanh;
        ref float x0 = ref MemoryMarshal.GetReference(input);
        int off = 0, hp = PaddedHiddenSize;
        if (LaneWidth == 16)
        {
            for (; off + 32 <= hp; off += 32) Pair<Float512, Vector512<float>>(ref x0, off, fast);
            for (; off + 16 <= hp; off += 16) Block<Float512, Vector512<float>>(ref x0, off, fast);
        }
        if (LaneWidth >= 8)
            for (; off < hp; off += 8) Block<Float256, Vector256<float>>(ref x0, off, fast);
        else StepScalar(input, fast);
        (_hidden, _nextHidden) = (_nextHidden, _hidden);
    }

    /// <summary>
    /// Two blocks of one vector of units each, [off, off + 2·Count), in one sweep: their accumulators and activations are independent, so
    /// interleaving them lets one block's sigmoid/tanh latency overlap the other's (stepped one after the
    /// other, a block's gate activations and tanh(c) leave the core mostly waiting).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Pair<TOps, TVector>(ref float x0, int off, bool fast)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        nuint n = (nuint)TOps.Count;
        int hp = PaddedHiddenSize, stride = 4 * hp, inputs = InputSize, h = HiddenSize;
        nuint s1 = (nuint)hp, s2 = 2 * (nuint)hp, s3 = 3 * (nuint)hp;
        ref float col = ref At(_packed + off);
        ref float bias = ref At(_bias + off);
        ref float hidden = ref At(_hidden);
        var ai = TOps.Load(ref bias, 0);
        var af = TOps.Load(ref bias, s1);
        var ag = TOps.Load(ref bias, s2);
        var ao = TOps.Load(ref bias, s3);
        var bi = TOps.Load(ref bias, n);
        var bf = TOps.Load(ref bias, s1 + n);
        var bg = TOps.Load(ref bias, s2 + n);
        var bo = TOps.Load(ref bias, s3 + n);
        for (int j = 0; j < inputs; j++)
        {
            var x = TOps.Create(Unsafe.Add(ref x0, j));
            ai = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, ai);
            bi = TOps.FusedMultiplyAdd(TOps.Load(ref col, n), x, bi);
            af = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, af);
            bf = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1 + n), x, bf);
            ag = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, ag);
            bg = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2 + n), x, bg);
            ao = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, ao);
            bo = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3 + n), x, bo);
            col = ref Unsafe.Add(ref col, stride);
        }
        // Two accumulator sets per block (odd and even recurrent columns): 16 accumulators in registers.
        TVector ci = default, cf = default, cg = default, co = default;
        TVector di = default, df = default, dg = default, @do = default;
        int k = 0;
        for (; k + 1 < h; k += 2)
        {
            var x = TOps.Create(Unsafe.Add(ref hidden, k));
            var y = TOps.Create(Unsafe.Add(ref hidden, k + 1));
            ref float second = ref Unsafe.Add(ref col, stride);
            ai = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, ai);
            bi = TOps.FusedMultiplyAdd(TOps.Load(ref col, n), x, bi);
            ci = TOps.FusedMultiplyAdd(TOps.Load(ref second, 0), y, ci);
            di = TOps.FusedMultiplyAdd(TOps.Load(ref second, n), y, di);
            af = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, af);
            bf = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1 + n), x, bf);
            cf = TOps.FusedMultiplyAdd(TOps.Load(ref second, s1), y, cf);
            df = TOps.FusedMultiplyAdd(TOps.Load(ref second, s1 + n), y, df);
            ag = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, ag);
            bg = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2 + n), x, bg);
            cg = TOps.FusedMultiplyAdd(TOps.Load(ref second, s2), y, cg);
            dg = TOps.FusedMultiplyAdd(TOps.Load(ref second, s2 + n), y, dg);
            ao = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, ao);
            bo = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3 + n), x, bo);
            co = TOps.FusedMultiplyAdd(TOps.Load(ref second, s3), y, co);
            @do = TOps.FusedMultiplyAdd(TOps.Load(ref second, s3 + n), y, @do);
            col = ref Unsafe.Add(ref col, 2 * stride);
        }
        if (k < h)
        {
            var x = TOps.Create(Unsafe.Add(ref hidden, k));
            ai = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, ai);
            bi = TOps.FusedMultiplyAdd(TOps.Load(ref col, n), x, bi);
            af = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, af);
            bf = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1 + n), x, bf);
            ag = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, ag);
            bg = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2 + n), x, bg);
            ao = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, ao);
            bo = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3 + n), x, bo);
        }
        ai = TOps.Add(ai, ci); af = TOps.Add(af, cf); ag = TOps.Add(ag, cg); ao = TOps.Add(ao, co);
        bi = TOps.Add(bi, di); bf = TOps.Add(bf, df); bg = TOps.Add(bg, dg); bo = TOps.Add(bo, @do);

        ref float cell = ref At(_cell + off);
        ref float next = ref At(_nextHidden + off);
        var previousA = TOps.Load(ref cell, 0);
        var previousB = TOps.Load(ref cell, n);
        if (fast)
        {
            var ca = TOps.FusedMultiplyAdd(VectorGates.FastSigmoid<TOps, TVector>(af), previousA, TOps.Multiply(VectorGates.FastSigmoid<TOps, TVector>(ai), VectorGates.FastTanh<TOps, TVector>(ag)));
            var cb = TOps.FusedMultiplyAdd(VectorGates.FastSigmoid<TOps, TVector>(bf), previousB, TOps.Multiply(VectorGates.FastSigmoid<TOps, TVector>(bi), VectorGates.FastTanh<TOps, TVector>(bg)));
            TOps.Store(ca, ref cell, 0);
            TOps.Store(cb, ref cell, n);
            var oa = VectorGates.FastSigmoid<TOps, TVector>(ao);
            var ob = VectorGates.FastSigmoid<TOps, TVector>(bo);
            TOps.Store(TOps.Multiply(oa, VectorGates.FastTanh<TOps, TVector>(ca)), ref next, 0);
            TOps.Store(TOps.Multiply(ob, VectorGates.FastTanh<TOps, TVector>(cb)), ref next, n);
        }
        else
        {
            var ca = TOps.FusedMultiplyAdd(VectorGates.Sigmoid<TOps, TVector>(af), previousA, TOps.Multiply(VectorGates.Sigmoid<TOps, TVector>(ai), VectorGates.Tanh<TOps, TVector>(ag)));
            var cb = TOps.FusedMultiplyAdd(VectorGates.Sigmoid<TOps, TVector>(bf), previousB, TOps.Multiply(VectorGates.Sigmoid<TOps, TVector>(bi), VectorGates.Tanh<TOps, TVector>(bg)));
            TOps.Store(ca, ref cell, 0);
            TOps.Store(cb, ref cell, n);
            var oa = VectorGates.Sigmoid<TOps, TVector>(ao);
            var ob = VectorGates.Sigmoid<TOps, TVector>(bo);
            TOps.Store(TOps.Multiply(oa, VectorGates.Tanh<TOps, TVector>(ca)), ref next, 0);
            TOps.Store(TOps.Multiply(ob, VectorGates.Tanh<TOps, TVector>(cb)), ref next, n);
        }
    }

    /// <summary>Gates and cell update for hidden units [off, off + Count): four accumulators per column sweep.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block<TOps, TVector>(ref float x0, int off, bool fast)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct
    {
        int hp = PaddedHiddenSize, stride = 4 * hp, inputs = InputSize, h = HiddenSize;
        nuint s1 = (nuint)hp, s2 = 2 * (nuint)hp, s3 = 3 * (nuint)hp;
        ref float col = ref At(_packed + off);
        ref float bias = ref At(_bias + off);
        ref float hidden = ref At(_hidden);
        var ai = TOps.Load(ref bias, 0);
        var af = TOps.Load(ref bias, s1);
        var ag = TOps.Load(ref bias, s2);
        var ao = TOps.Load(ref bias, s3);
        for (int j = 0; j < inputs; j++)
        {
            var x = TOps.Create(Unsafe.Add(ref x0, j));
            ai = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, ai);
            af = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, af);
            ag = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, ag);
            ao = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, ao);
            col = ref Unsafe.Add(ref col, stride);
        }
        // Recurrent columns over four accumulator sets, quartering the FMA dependency chains: the step is
        // latency-bound (each sample's gates wait for the previous sample's hidden state).
        TVector bi = default, bf = default, bg = default, bo = default;
        TVector ci = default, cf = default, cg = default, co = default;
        TVector di = default, df = default, dg = default, @do = default;
        int k = 0;
        for (; k + 3 < h; k += 4)
        {
            var x = TOps.Create(Unsafe.Add(ref hidden, k));
            var y = TOps.Create(Unsafe.Add(ref hidden, k + 1));
            var z = TOps.Create(Unsafe.Add(ref hidden, k + 2));
            var u = TOps.Create(Unsafe.Add(ref hidden, k + 3));
            ref float c1 = ref Unsafe.Add(ref col, stride);
            ref float c2 = ref Unsafe.Add(ref col, 2 * stride);
            ref float c3 = ref Unsafe.Add(ref col, 3 * stride);
            ai = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, ai);
            bi = TOps.FusedMultiplyAdd(TOps.Load(ref c1, 0), y, bi);
            ci = TOps.FusedMultiplyAdd(TOps.Load(ref c2, 0), z, ci);
            di = TOps.FusedMultiplyAdd(TOps.Load(ref c3, 0), u, di);
            af = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, af);
            bf = TOps.FusedMultiplyAdd(TOps.Load(ref c1, s1), y, bf);
            cf = TOps.FusedMultiplyAdd(TOps.Load(ref c2, s1), z, cf);
            df = TOps.FusedMultiplyAdd(TOps.Load(ref c3, s1), u, df);
            ag = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, ag);
            bg = TOps.FusedMultiplyAdd(TOps.Load(ref c1, s2), y, bg);
            cg = TOps.FusedMultiplyAdd(TOps.Load(ref c2, s2), z, cg);
            dg = TOps.FusedMultiplyAdd(TOps.Load(ref c3, s2), u, dg);
            ao = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, ao);
            bo = TOps.FusedMultiplyAdd(TOps.Load(ref c1, s3), y, bo);
            co = TOps.FusedMultiplyAdd(TOps.Load(ref c2, s3), z, co);
            @do = TOps.FusedMultiplyAdd(TOps.Load(ref c3, s3), u, @do);
            col = ref Unsafe.Add(ref col, 4 * stride);
        }
        for (; k < h; k++)
        {
            var x = TOps.Create(Unsafe.Add(ref hidden, k));
            bi = TOps.FusedMultiplyAdd(TOps.Load(ref col, 0), x, bi);
            bf = TOps.FusedMultiplyAdd(TOps.Load(ref col, s1), x, bf);
            bg = TOps.FusedMultiplyAdd(TOps.Load(ref col, s2), x, bg);
            bo = TOps.FusedMultiplyAdd(TOps.Load(ref col, s3), x, bo);
            col = ref Unsafe.Add(ref col, stride);
        }
        ai = Sum4<TOps, TVector>(ai, bi, ci, di); af = Sum4<TOps, TVector>(af, bf, cf, df);
        ag = Sum4<TOps, TVector>(ag, bg, cg, dg); ao = Sum4<TOps, TVector>(ao, bo, co, @do);

        ref float cell = ref At(_cell + off);
        ref float next = ref At(_nextHidden + off);
        var previous = TOps.Load(ref cell, 0);
        if (fast)
        {
            var c = TOps.FusedMultiplyAdd(VectorGates.FastSigmoid<TOps, TVector>(af), previous, TOps.Multiply(VectorGates.FastSigmoid<TOps, TVector>(ai), VectorGates.FastTanh<TOps, TVector>(ag)));
            TOps.Store(c, ref cell, 0);
            TOps.Store(TOps.Multiply(VectorGates.FastSigmoid<TOps, TVector>(ao), VectorGates.FastTanh<TOps, TVector>(c)), ref next, 0);
        }
        else
        {
            var c = TOps.FusedMultiplyAdd(VectorGates.Sigmoid<TOps, TVector>(af), previous, TOps.Multiply(VectorGates.Sigmoid<TOps, TVector>(ai), VectorGates.Tanh<TOps, TVector>(ag)));
            TOps.Store(c, ref cell, 0);
            TOps.Store(TOps.Multiply(VectorGates.Sigmoid<TOps, TVector>(ao), VectorGates.Tanh<TOps, TVector>(c)), ref next, 0);
        }
    }

    /// <summary>(a + b) + (c + d): the four accumulator sets of a block, summed pairwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Sum4<TOps, TVector>(TVector a, TVector b, TVector c, TVector d)
        where TOps : struct, IFloatVector<TVector>
        where TVector : struct => TOps.Add(TOps.Add(a, b), TOps.Add(c, d));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepScalar(ReadOnlySpan<float> input, bool fast)
    {
        int h = HiddenSize, hp = PaddedHiddenSize, stride = 4 * hp;
        var buffer = _buffer;
        int packed = _packed, bias = _bias, hidden = _hidden, cell = _cell, next = _nextHidden;
        for (int k = 0; k < h; k++)
        {
            float ai = buffer[bias + k], af = buffer[bias + hp + k], ag = buffer[bias + 2 * hp + k], ao = buffer[bias + 3 * hp + k];
            for (int j = 0; j < InputSize + h; j++)
            {
                float x = j < InputSize ? input[j] : buffer[hidden + j - InputSize];
                int at = packed + j * stride + k;
                ai += buffer[at] * x;
                af += buffer[at + hp] * x;
                ag += buffer[at + 2 * hp] * x;
                ao += buffer[at + 3 * hp] * x;
            }
            float c, hNew;
            if (fast)
            {
                c = Activations.FastTanh.Sigmoid(af) * buffer[cell + k] + Activations.FastTanh.Sigmoid(ai) * Activations.FastTanh.Evaluate(ag);
                hNew = Activations.FastTanh.Sigmoid(ao) * Activations.FastTanh.Evaluate(c);
            }
            else
            {
                c = Sigmoid(af) * buffer[cell + k] + Sigmoid(ai) * MathF.Tanh(ag);
                hNew = Sigmoid(ao) * MathF.Tanh(c);
            }
            buffer[cell + k] = c;
            buffer[next + k] = hNew;
        }
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
