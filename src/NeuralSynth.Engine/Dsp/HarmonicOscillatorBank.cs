using NeuralSynth.Engine.Simd;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NeuralSynth.Engine.Dsp;

/// <summary>
/// Additive bank of harmonics k·f0 for one voice. Each harmonic is a complex phasor rotated once per sample
/// (four multiplies instead of a sine), vectorized across harmonics with <see cref="Vector{T}"/>.
/// At every control tick the phasors are re-derived from a double-precision phase so rounding never
/// accumulates, and each harmonic's amplitude ramps linearly to its new target until the next tick.
/// </summary>
public sealed class HarmonicOscillatorBank
{
    private readonly int _capacity;
    private readonly float[] _re, _im, _rotRe, _rotIm, _amp, _ampStep, _target;
    private readonly Vector<float>[] _accumulators;
    private int _activeVectors;

    public HarmonicOscillatorBank(int maxHarmonics, int maxSegment)
    {
        int lanes = Vector<float>.Count;
        _capacity = (maxHarmonics + lanes - 1) / lanes * lanes;
        _re = new float[_capacity];
        _im = new float[_capacity];
        _rotRe = new float[_capacity];
        _rotIm = new float[_capacity];
        _amp = new float[_capacity];
        _ampStep = new float[_capacity];
        _target = new float[_capacity];
        _accumulators = new Vector<float>[maxSegment];
    }

    public int MaxHarmonics => _capacity;

    public void Reset()
    {
        Array.Clear(_re);
        Array.Clear(_im);
        Array.Clear(_rotRe);
        Array.Clear(_rotIm);
        Array.Clear(_amp);
        Array.Clear(_ampStep);
        Array.Clear(_target);
        _activeVectors = 0;
    }

    /// <summary>
    /// Sets phase and frequency of all harmonics and their amplitude targets.
    /// </summary>
    /// <param name="phase">Fundamental phase in radians.</param>
    /// <param name="omega">Fundamental phase increment per sample in radians.</param>
    /// <param name="amplitudes">Target amplitude per harmonic (index 0 is the fundamental); harmonics beyond its length are silent.</param>
    /// <param name="rampSamples">Samples over which to ramp from the current amplitudes; 0 jumps immediately.</param>
    public void Sync(double phase, double omega, ReadOnlySpan<float> amplitudes, int rampSamples)
    {
        int count = Math.Min(amplitudes.Length, _capacity);
        // Snap to the previous target first: the ramp ended exactly here, this removes float drift.
        _target.AsSpan(0, _activeVectors * Vector<float>.Count).CopyTo(_amp);
        _target.AsSpan().Clear();
        amplitudes[..count].CopyTo(_target);

        int lastAudible = count;
        while (lastAudible > 0 && _target[lastAudible - 1] == 0f && _amp[lastAudible - 1] == 0f) lastAudible--;
        int previousVectors = _activeVectors;
        int lanes = Vector<float>.Count;
        _activeVectors = Math.Max((lastAudible + lanes - 1) / lanes, rampSamples > 0 ? previousVectors : 0);
        int active = _activeVectors * lanes;

        if (rampSamples > 0)
        {
            float inverse = 1f / rampSamples;
            for (int k = 0; k < active; k++) _ampStep[k] = (_target[k] - _amp[k]) * inverse;
        }
        else
        {
            _target.AsSpan(0, active).CopyTo(_amp);
            _ampStep.AsSpan().Clear();
        }

        // e^{i k phase} and e^{i k omega} by complex recurrence in double: exact to ~1e-14 over 100 harmonics.
        double baseRe = Math.Cos(phase), baseIm = Math.Sin(phase);
        double stepRe = Math.Cos(omega), stepIm = Math.Sin(omega);
        double pr = baseRe, pi = baseIm, rr = stepRe, ri = stepIm;
        for (int k = 0; k < active; k++)
        {
            _re[k] = (float)pr;
            _im[k] = (float)pi;
            _rotRe[k] = (float)rr;
            _rotIm[k] = (float)ri;
            (pr, pi) = (pr * baseRe - pi * baseIm, pr * baseIm + pi * baseRe);
            (rr, ri) = (rr * stepRe - ri * stepIm, rr * stepIm + ri * stepRe);
        }
    }

    /// <summary>Writes the sum of all harmonics for the next <paramref name="destination"/>.Length samples (overwrites).</summary>
    public void Render(Span<float> destination)
    {
        int length = destination.Length;
        if (_activeVectors == 0)
        {
            destination.Clear();
            return;
        }
        if (length > _accumulators.Length) throw new ArgumentOutOfRangeException(nameof(destination));

        Span<Vector<float>> acc = _accumulators.AsSpan(0, length);
        acc.Clear();
        ref Vector<float> re = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_re));
        ref Vector<float> im = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_im));
        ref Vector<float> rotRe = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_rotRe));
        ref Vector<float> rotIm = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_rotIm));
        ref Vector<float> amp = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_amp));
        ref Vector<float> step = ref Unsafe.As<float, Vector<float>>(ref MemoryMarshal.GetArrayDataReference(_ampStep));
        ref Vector<float> accRef = ref MemoryMarshal.GetReference(acc);

        // Harmonics outer, samples inner: each phasor stays in registers for the whole segment. Two vectors of
        // harmonics advance together because one phasor's rotation is a serial dependency chain; interleaving
        // two chains keeps the multipliers busy.
        int v = 0;
        for (; v + 1 < _activeVectors; v += 2)
        {
            Vector<float> r0 = Unsafe.Add(ref re, v), r1 = Unsafe.Add(ref re, v + 1);
            Vector<float> i0 = Unsafe.Add(ref im, v), i1 = Unsafe.Add(ref im, v + 1);
            Vector<float> cr0 = Unsafe.Add(ref rotRe, v), cr1 = Unsafe.Add(ref rotRe, v + 1);
            Vector<float> ci0 = Unsafe.Add(ref rotIm, v), ci1 = Unsafe.Add(ref rotIm, v + 1);
            Vector<float> a0 = Unsafe.Add(ref amp, v), a1 = Unsafe.Add(ref amp, v + 1);
            Vector<float> da0 = Unsafe.Add(ref step, v), da1 = Unsafe.Add(ref step, v + 1);
            for (int s = 0; s < length; s++)
            {
                ref Vector<float> sum = ref Unsafe.Add(ref accRef, s);
                sum = FloatVector.FusedMultiplyAdd(a1, i1, FloatVector.FusedMultiplyAdd(a0, i0, sum));
                Vector<float> nextRe0 = r0 * cr0 - i0 * ci0;
                Vector<float> nextRe1 = r1 * cr1 - i1 * ci1;
                i0 = r0 * ci0 + i0 * cr0;
                i1 = r1 * ci1 + i1 * cr1;
                r0 = nextRe0;
                r1 = nextRe1;
                a0 += da0;
                a1 += da1;
            }
            Unsafe.Add(ref re, v) = r0;
            Unsafe.Add(ref re, v + 1) = r1;
            Unsafe.Add(ref im, v) = i0;
            Unsafe.Add(ref im, v + 1) = i1;
            Unsafe.Add(ref amp, v) = a0;
            Unsafe.Add(ref amp, v + 1) = a1;
        }
        for (; v < _activeVectors; v++)
        {
            Vector<float> r = Unsafe.Add(ref re, v);
            Vector<float> i = Unsafe.Add(ref im, v);
            Vector<float> cr = Unsafe.Add(ref rotRe, v);
            Vector<float> ci = Unsafe.Add(ref rotIm, v);
            Vector<float> a = Unsafe.Add(ref amp, v);
            Vector<float> da = Unsafe.Add(ref step, v);
            for (int s = 0; s < length; s++)
            {
                ref Vector<float> sum = ref Unsafe.Add(ref accRef, s);
                sum = FloatVector.FusedMultiplyAdd(a, i, sum);
                Vector<float> nextRe = r * cr - i * ci;
                i = r * ci + i * cr;
                r = nextRe;
                a += da;
            }
            Unsafe.Add(ref re, v) = r;
            Unsafe.Add(ref im, v) = i;
            Unsafe.Add(ref amp, v) = a;
        }

        for (int s = 0; s < length; s++) destination[s] = Vector.Sum(acc[s]);
    }
}
