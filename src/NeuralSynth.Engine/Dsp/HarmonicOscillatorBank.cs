using NeuralSynth.Engine.Simd;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuralSynth.Engine.Dsp;

/// <summary>
/// Additive bank of harmonics k·f0 for one voice, vectorized across harmonics: 512-bit vectors where the CPU
/// accelerates them (a full-width AVX-512 core does twice the work per instruction), <see cref="Vector{T}"/> elsewhere.
/// Each harmonic runs Reinsch's form of the sine recurrence: d ← d − λ·s, s ← s + d with λ = 4sin²(kω/2), two
/// operations per harmonic and sample where a rotating complex phasor needs four. Reinsch's form rather than the
/// plain s(n+1) = 2cos(kω)·s(n) − s(n−1): rounding 2cos(kω) to float shifts a low harmonic's frequency by ε/sin(kω)
/// (a 27.5 Hz fundamental drifted 2.5e-5 of full scale within one tick), while λ is small exactly where that bites
/// and keeps its relative precision. At every control tick s and d are re-derived from a double-precision phase,
/// so at most one tick (≤ 32 samples at the engine's rate) ever runs on float state: HarmonicOscillatorBankTests
/// hold the bank within 2.5e-6 of full scale of a double-precision sum of sines. Each harmonic's amplitude ramps
/// linearly to its new target until the next ramp is set.
/// </summary>
public sealed class HarmonicOscillatorBank
{
    private readonly int _capacity, _lanes;
    private readonly bool _wide;
    private readonly float[] _sine, _difference, _minusLambda, _amp, _ampStep, _target;
    private readonly float[] _accumulators;
    private readonly int _maxSegment;
    private int _activeVectors; // in render vectors of _lanes harmonics

    public HarmonicOscillatorBank(int maxHarmonics, int maxSegment)
    {
        _wide = Vector512.IsHardwareAccelerated;
        _lanes = _wide ? Vector512<float>.Count : Vector<float>.Count;
        _capacity = (maxHarmonics + _lanes - 1) / _lanes * _lanes;
        // Render's last group of four may run up to three vectors past the active ones: they stay all zero.
        int padded = _capacity + 3 * _lanes;
        _sine = new float[padded];
        _difference = new float[padded];
        _minusLambda = new float[padded];
        _amp = new float[padded];
        _ampStep = new float[padded];
        _target = new float[_capacity];
        _maxSegment = maxSegment;
        _accumulators = new float[maxSegment * _lanes];
    }

    public int MaxHarmonics => _capacity;

    public void Reset()
    {
        Array.Clear(_sine);
        Array.Clear(_difference);
        Array.Clear(_minusLambda);
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
        _target.AsSpan(0, _activeVectors * _lanes).CopyTo(_amp);
        _target.AsSpan().Clear();
        amplitudes[..count].CopyTo(_target);

        // Vectors above the last audible harmonic (silent now and at the target) are neither seeded nor rendered;
        // the scan starts above the last active vector, as one still sounding must ramp down to a shorter list.
        int audibleVectors = Math.Max((count + _lanes - 1) / _lanes, _activeVectors);
        while (audibleVectors > 0 && IsSilent(audibleVectors - 1)) audibleVectors--;
        if (audibleVectors < _activeVectors)
        {
            // Vectors leaving the active range are zeroed: Render may run them as padding of its last group.
            int from = audibleVectors * _lanes, length = (_activeVectors - audibleVectors) * _lanes;
            _sine.AsSpan(from, length).Clear();
            _difference.AsSpan(from, length).Clear();
            _ampStep.AsSpan(from, length).Clear();
        }
        _activeVectors = audibleVectors;
        int active = _activeVectors * _lanes;

        if (rampSamples > 0)
        {
            ref Vector<float> amp = ref At<Vector<float>>(_amp, 0);
            ref Vector<float> target = ref At<Vector<float>>(_target, 0);
            ref Vector<float> step = ref At<Vector<float>>(_ampStep, 0);
            var inverse = new Vector<float>(1f / rampSamples);
            for (int v = 0; v < active / Vector<float>.Count; v++) Unsafe.Add(ref step, v) = (Unsafe.Add(ref target, v) - Unsafe.Add(ref amp, v)) * inverse;
        }
        else
        {
            _target.AsSpan().CopyTo(_amp);
            _ampStep.AsSpan(0, _capacity).Clear();
        }
        if (active > 0) SeedRecurrence(phase, omega, active);
    }

    /// <summary>New phase and frequency for the harmonics; their amplitudes keep ramping to the targets of the last
    /// <see cref="Sync"/> (a decoder-driven voice sets one ramp per frame and retunes at the ticks in between).</summary>
    public void Retune(double phase, double omega)
    {
        if (_activeVectors > 0) SeedRecurrence(phase, omega, _activeVectors * _lanes);
    }

    /// <summary>True when render vector <paramref name="v"/> is silent now and at its target.</summary>
    private bool IsSilent(int v)
    {
        ref Vector<float> amp = ref At<Vector<float>>(_amp, 0);
        ref Vector<float> target = ref At<Vector<float>>(_target, 0);
        int per = _lanes / Vector<float>.Count;
        for (int i = v * per; i < (v + 1) * per; i++)
            if (!Vector.EqualsAll(Unsafe.Add(ref target, i), Vector<float>.Zero) || !Vector.EqualsAll(Unsafe.Add(ref amp, i), Vector<float>.Zero)) return false;
        return true;
    }

    /// <summary>
    /// The recurrence's state and coefficient for k = 1..<paramref name="active"/>: s = sin(kφ),
    /// d = s − sin(k(φ−ω)) = sin(kφ)·λ/2 + cos(kφ)·sin(kω), and −λ = −2(1 − cos kω). λ sets the frequency, so an
    /// error in it grows with every sample: it comes from e^{ikω} stepped in double (exact to ~1e-14) and is rounded
    /// once. An error in s or d only offsets a harmonic's phase and amplitude by as much, so e^{ikφ} steps in float.
    /// Each starts exact for one vector of lanes and then steps a whole vector at a time by e^{iLθ}: independent
    /// chains (the double one split into low and high lanes) instead of one serial chain per harmonic.
    /// </summary>
    [SkipLocalsInit] // the seeds are all written before they are read
    private void SeedRecurrence(double phase, double omega, int active)
    {
        int lanes = Vector<float>.Count, half = Vector<double>.Count;
        Span<double> seed = stackalloc double[4 * lanes];
        Span<double> phaseRe = seed[..lanes], phaseIm = seed.Slice(lanes, lanes);
        Span<double> stepRe = seed.Slice(2 * lanes, lanes), stepIm = seed.Slice(3 * lanes, lanes);
        (phaseIm[0], phaseRe[0]) = Math.SinCos(phase);
        (stepIm[0], stepRe[0]) = Math.SinCos(omega);
        // Lanes by doubling: harmonics known = 1..n, then n+1..2n = (1..n)·e^{inθ}; a chain log2(L) deep, not L.
        for (int known = 1; known < lanes; known *= 2)
        {
            double byPr = phaseRe[known - 1], byPi = phaseIm[known - 1], byWr = stepRe[known - 1], byWi = stepIm[known - 1];
            for (int k = 0; k < known && known + k < lanes; k++)
            {
                (phaseRe[known + k], phaseIm[known + k]) = Rotate(phaseRe[k], phaseIm[k], byPr, byPi);
                (stepRe[known + k], stepIm[known + k]) = Rotate(stepRe[k], stepIm[k], byWr, byWi);
            }
        }
        var (pr, pi) = (Narrow(phaseRe), Narrow(phaseIm));
        var (pjr, pji) = (new Vector<float>((float)phaseRe[lanes - 1]), new Vector<float>((float)phaseIm[lanes - 1]));
        var (loWr, loWi) = (new Vector<double>(stepRe), new Vector<double>(stepIm));
        var (hiWr, hiWi) = (new Vector<double>(stepRe[half..]), new Vector<double>(stepIm[half..]));
        var (wjr, wji) = (new Vector<double>(stepRe[lanes - 1]), new Vector<double>(stepIm[lanes - 1]));
        var minusTwo = new Vector<double>(-2.0);

        ref Vector<float> sine = ref At<Vector<float>>(_sine, 0);
        ref Vector<float> difference = ref At<Vector<float>>(_difference, 0);
        ref Vector<float> minusLambda = ref At<Vector<float>>(_minusLambda, 0);
        for (int v = 0; v < active / lanes; v++)
        {
            var nl = Vector.Narrow((Vector<double>.One - loWr) * minusTwo, (Vector<double>.One - hiWr) * minusTwo);
            var sinOmega = Vector.Narrow(loWi, hiWi);
            Unsafe.Add(ref sine, v) = pi;
            Unsafe.Add(ref difference, v) = pr * sinOmega - pi * nl * new Vector<float>(0.5f);
            Unsafe.Add(ref minusLambda, v) = nl;
            (pr, pi) = Rotate(pr, pi, pjr, pji);
            (loWr, loWi) = Rotate(loWr, loWi, wjr, wji);
            (hiWr, hiWi) = Rotate(hiWr, hiWi, wjr, wji);
        }
    }

    private static Vector<float> Narrow(ReadOnlySpan<double> values)
    {
        int half = Vector<double>.Count;
        return Vector.Narrow(new Vector<double>(values), new Vector<double>(values[half..]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Re, double Im) Rotate(double re, double im, double byRe, double byIm) =>
        (re * byRe - im * byIm, re * byIm + im * byRe);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> Re, Vector<float> Im) Rotate(Vector<float> re, Vector<float> im, Vector<float> byRe, Vector<float> byIm) =>
        (re * byRe - im * byIm, re * byIm + im * byRe);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<double> Re, Vector<double> Im) Rotate(Vector<double> re, Vector<double> im, Vector<double> byRe, Vector<double> byIm) =>
        (re * byRe - im * byIm, re * byIm + im * byRe);

    /// <summary>Writes the sum of all harmonics for the next <paramref name="destination"/>.Length samples (overwrites).</summary>
    public void Render(Span<float> destination)
    {
        if (_activeVectors == 0)
        {
            destination.Clear();
            return;
        }
        if (destination.Length > _maxSegment) throw new ArgumentOutOfRangeException(nameof(destination));
        int length = destination.Length;
        Span<float> accumulators = _accumulators.AsSpan(0, length * _lanes);
        accumulators.Clear();
        if (_wide)
        {
            RenderGroups<Float512, Vector512<float>>(length);
            LaneSums.Reduce(MemoryMarshal.Cast<float, Vector512<float>>(accumulators), destination);
        }
        else
        {
            RenderGroups<FloatVector, Vector<float>>(length);
            LaneSums.Reduce(MemoryMarshal.Cast<float, Vector<float>>(accumulators), destination);
        }
    }

    /// <summary>Adds every active harmonic into the accumulators, one vector of lanes per sample.</summary>
    private void RenderGroups<TOps, TVector>(int length)
        where TOps : struct, IFloatVector<TVector> where TVector : struct
    {
        ref TVector acc = ref At<TVector>(_accumulators, 0);
        // Harmonics outer, samples inner: each recurrence stays in registers for the whole segment. One vector's
        // recurrence is a serial chain (multiply-add, then add: ~7 cycles a sample), so groups of four or five
        // vectors advance together to keep both FMA pipes busy: a lone vector would cost almost a group's time.
        // Counts of 12 and up split into fours and fives exactly (13 = 4 + 4 + 5); below that the last group of
        // four may run up to three silent padding vectors.
        int count = _activeVectors, fives = count >= 12 ? count % 4 : count is 5 or 9 ? 1 : count == 10 ? 2 : 0;
        int v = 0;
        for (int f = 0; f < fives; f++, v += 5) RenderGroup<TOps, TVector, Five>(v, length, ref acc);
        for (; v < count; v += 4) RenderGroup<TOps, TVector, Four>(v, length, ref acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref TVector At<TVector>(float[] array, int v) where TVector : struct =>
        ref Unsafe.Add(ref Unsafe.As<float, TVector>(ref MemoryMarshal.GetArrayDataReference(array)), v);

    /// <summary>A group of four vectors, or five: a type argument, so each width compiles to its own unrolled loop.</summary>
    private interface IGroupWidth { static abstract bool HasFifth { get; } }
    private readonly struct Four : IGroupWidth { public static bool HasFifth => false; }
    private readonly struct Five : IGroupWidth { public static bool HasFifth => true; }

    /// <summary>Four or five vectors of harmonics from <paramref name="v"/>: y the sines, dy their last differences,
    /// nl = −λ, a the amplitudes and da their steps. The fifth vector's lines vanish from the four-wide copy.</summary>
    private void RenderGroup<TOps, TVector, TWidth>(int v, int length, ref TVector acc)
        where TOps : struct, IFloatVector<TVector> where TVector : struct where TWidth : struct, IGroupWidth
    {
        ref TVector sine = ref At<TVector>(_sine, v);
        ref TVector difference = ref At<TVector>(_difference, v);
        ref TVector minusLambda = ref At<TVector>(_minusLambda, v);
        ref TVector amp = ref At<TVector>(_amp, v);
        ref TVector step = ref At<TVector>(_ampStep, v);
        TVector y0 = sine, y1 = Unsafe.Add(ref sine, 1), y2 = Unsafe.Add(ref sine, 2), y3 = Unsafe.Add(ref sine, 3);
        TVector dy0 = difference, dy1 = Unsafe.Add(ref difference, 1), dy2 = Unsafe.Add(ref difference, 2), dy3 = Unsafe.Add(ref difference, 3);
        TVector nl0 = minusLambda, nl1 = Unsafe.Add(ref minusLambda, 1), nl2 = Unsafe.Add(ref minusLambda, 2), nl3 = Unsafe.Add(ref minusLambda, 3);
        TVector a0 = amp, a1 = Unsafe.Add(ref amp, 1), a2 = Unsafe.Add(ref amp, 2), a3 = Unsafe.Add(ref amp, 3);
        TVector da0 = step, da1 = Unsafe.Add(ref step, 1), da2 = Unsafe.Add(ref step, 2), da3 = Unsafe.Add(ref step, 3);
        TVector y4 = default, dy4 = default, nl4 = default, a4 = default, da4 = default;
        if (TWidth.HasFifth)
            (y4, dy4, nl4, a4, da4) = (Unsafe.Add(ref sine, 4), Unsafe.Add(ref difference, 4), Unsafe.Add(ref minusLambda, 4), Unsafe.Add(ref amp, 4), Unsafe.Add(ref step, 4));
        for (int n = 0; n < length; n++)
        {
            ref TVector sum = ref Unsafe.Add(ref acc, n);
            TVector s = TOps.FusedMultiplyAdd(a3, y3, TOps.FusedMultiplyAdd(a2, y2, TOps.FusedMultiplyAdd(a1, y1, TOps.FusedMultiplyAdd(a0, y0, sum))));
            sum = TWidth.HasFifth ? TOps.FusedMultiplyAdd(a4, y4, s) : s;
            dy0 = TOps.FusedMultiplyAdd(nl0, y0, dy0);
            dy1 = TOps.FusedMultiplyAdd(nl1, y1, dy1);
            dy2 = TOps.FusedMultiplyAdd(nl2, y2, dy2);
            dy3 = TOps.FusedMultiplyAdd(nl3, y3, dy3);
            y0 = TOps.Add(y0, dy0);
            y1 = TOps.Add(y1, dy1);
            y2 = TOps.Add(y2, dy2);
            y3 = TOps.Add(y3, dy3);
            a0 = TOps.Add(a0, da0);
            a1 = TOps.Add(a1, da1);
            a2 = TOps.Add(a2, da2);
            a3 = TOps.Add(a3, da3);
            if (TWidth.HasFifth)
            {
                dy4 = TOps.FusedMultiplyAdd(nl4, y4, dy4);
                y4 = TOps.Add(y4, dy4);
                a4 = TOps.Add(a4, da4);
            }
        }
        (sine, Unsafe.Add(ref sine, 1), Unsafe.Add(ref sine, 2), Unsafe.Add(ref sine, 3)) = (y0, y1, y2, y3);
        (difference, Unsafe.Add(ref difference, 1), Unsafe.Add(ref difference, 2), Unsafe.Add(ref difference, 3)) = (dy0, dy1, dy2, dy3);
        (amp, Unsafe.Add(ref amp, 1), Unsafe.Add(ref amp, 2), Unsafe.Add(ref amp, 3)) = (a0, a1, a2, a3);
        if (TWidth.HasFifth) (Unsafe.Add(ref sine, 4), Unsafe.Add(ref difference, 4), Unsafe.Add(ref amp, 4)) = (y4, dy4, a4);
    }
}
