using System.Numerics.Tensors;

namespace NeuralSynth.Ddsp.Analysis;

/// <summary>
/// YIN (de Cheveigné and Kawahara, 2002): difference function, cumulative-mean normalization, absolute
/// threshold, parabolic refinement. Confidence is 1 − the normalized difference at the chosen lag (1 for a
/// perfectly periodic window). Allocation-free after construction.
/// </summary>
internal sealed class YinPitchDetector
{
    private readonly double _sampleRate;
    private readonly int _window, _tauMin, _tauMax;
    private readonly float _threshold;
    private readonly float[] _difference;
    private readonly float[] _normalized;

    public YinPitchDetector(double sampleRate, double minHz = 60, double maxHz = 1600, double windowSeconds = 0.02, float threshold = 0.15f)
    {
        _sampleRate = sampleRate;
        _window = (int)Math.Round(windowSeconds * sampleRate);
        _tauMin = Math.Max(2, (int)Math.Floor(sampleRate / maxHz));
        _tauMax = (int)Math.Ceiling(sampleRate / minHz);
        _threshold = threshold;
        _difference = new float[_tauMax + 2];
        _normalized = new float[_tauMax + 2];
    }

    /// <summary>Samples one detection needs: the window plus the longest lag.</summary>
    public int RequiredSamples => _window + _tauMax + 1;

    /// <summary>Estimates f0 from the first <see cref="RequiredSamples"/> samples.</summary>
    public (float Hz, float Confidence) Detect(ReadOnlySpan<float> x)
    {
        ReadOnlySpan<float> head = x[.._window];
        _normalized[0] = 1f;
        double running = 0;
        for (int tau = 1; tau <= _tauMax + 1; tau++)
        {
            float distance = TensorPrimitives.Distance(head, x.Slice(tau, _window));
            float d = distance * distance;
            _difference[tau] = d;
            running += d;
            _normalized[tau] = running > 0 ? (float)(d * tau / running) : 1f;
        }

        int best = -1;
        for (int tau = _tauMin; tau <= _tauMax; tau++)
        {
            if (_normalized[tau] >= _threshold) continue;
            while (tau + 1 <= _tauMax && _normalized[tau + 1] < _normalized[tau]) tau++;
            best = tau;
            break;
        }
        if (best < 0)
        {
            best = _tauMin;
            for (int tau = _tauMin + 1; tau <= _tauMax; tau++) if (_normalized[tau] < _normalized[best]) best = tau;
        }
        return (Frequency(best), Math.Clamp(1f - _normalized[best], 0f, 1f));
    }

    /// <summary>Normalized difference at the lag of <paramref name="hz"/> from the last detection (octave checks).</summary>
    public float NormalizedAt(float hz)
    {
        int tau = (int)Math.Round(_sampleRate / hz);
        if (tau < _tauMin || tau > _tauMax) return 1f;
        float best = _normalized[tau];
        if (tau > 1) best = Math.Min(best, _normalized[tau - 1]);
        return Math.Min(best, _normalized[tau + 1]);
    }

    private float Frequency(int tau)
    {
        double a = _normalized[tau - 1], b = _normalized[tau], c = _normalized[tau + 1];
        double denominator = a - 2 * b + c;
        double shift = Math.Abs(denominator) > 1e-12 ? Math.Clamp(0.5 * (a - c) / denominator, -0.5, 0.5) : 0;
        return (float)(_sampleRate / (tau + shift));
    }
}
