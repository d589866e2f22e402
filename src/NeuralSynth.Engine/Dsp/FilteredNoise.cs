using System.Numerics.Tensors;

namespace NeuralSynth.Engine.Dsp;

/// <summary>
/// DDSP's filtered-noise branch: band magnitudes, linearly spaced from DC to Nyquist, become a linear-phase
/// FIR by an inverse real DFT and a Hann window; white noise is filtered by it. The filter changes at every
/// control tick and the output crossfades from the previous filter to the new one across the tick interval,
/// so the time-varying response has no steps.
/// Voices add their magnitudes with <see cref="Accumulate"/>; a single filter serves them all, since the sum
/// of noises shaped by the same white source is the noise shaped by the summed response.
/// </summary>
public sealed class FilteredNoise
{
    public const int BandCount = 65;
    public const int Taps = 2 * (BandCount - 1);

    private readonly float[] _synthesis;   // [Taps x BandCount]: magnitude -> reversed impulse response
    private readonly float[] _pending = new float[BandCount];
    private readonly float[] _previousKernel = new float[Taps];
    private readonly float[] _currentKernel = new float[Taps];
    private readonly float[] _history;
    private readonly int _interval;
    private readonly uint _seed;
    private WhiteNoise _noise;
    private int _sinceTick;
    private bool _previousSilent = true, _currentSilent = true;

    public FilteredNoise(int controlInterval, uint seed = 0x1234567u)
    {
        _interval = controlInterval;
        _seed = seed;
        _noise = new WhiteNoise(seed);
        _history = new float[Taps - 1 + controlInterval];
        _synthesis = BuildSynthesisMatrix();
    }

    public void Reset()
    {
        Array.Clear(_pending);
        Array.Clear(_previousKernel);
        Array.Clear(_currentKernel);
        Array.Clear(_history);
        _noise = new WhiteNoise(_seed);
        _sinceTick = 0;
        _previousSilent = _currentSilent = true;
    }

    /// <summary>Adds weight × magnitudes (length <see cref="BandCount"/>) to the response for the next tick.</summary>
    public void Accumulate(float weight, ReadOnlySpan<float> magnitudes)
    {
        if (weight == 0f) return;
        TensorPrimitives.MultiplyAdd(magnitudes[..BandCount], weight, _pending, _pending);
    }

    /// <summary>Called at each control tick: the accumulated response becomes the filter being faded in.</summary>
    public void Tick()
    {
        _currentKernel.CopyTo(_previousKernel);
        _previousSilent = _currentSilent;
        _currentSilent = TensorPrimitives.MaxMagnitude(_pending) == 0f;
        if (_currentSilent)
        {
            Array.Clear(_currentKernel);
        }
        else
        {
            var matrix = _synthesis.AsSpan();
            for (int n = 0; n < Taps; n++)
                _currentKernel[n] = TensorPrimitives.Dot(matrix.Slice(n * BandCount, BandCount), _pending);
        }
        Array.Clear(_pending);
        _sinceTick = 0;
    }

    /// <summary>Adds filtered noise to <paramref name="destination"/>; never crosses a tick (length ≤ interval).</summary>
    public void RenderAdd(Span<float> destination)
    {
        int length = destination.Length;
        Span<float> history = _history.AsSpan(0, Taps - 1 + length);
        _noise.Fill(history.Slice(Taps - 1, length));
        if (!(_previousSilent && _currentSilent))
        {
            float inverseInterval = 1f / _interval;
            for (int s = 0; s < length; s++)
            {
                ReadOnlySpan<float> window = history.Slice(s, Taps);
                float fadeIn = (_sinceTick + s) * inverseInterval;
                float current = _currentSilent ? 0f : TensorPrimitives.Dot(_currentKernel, window);
                float previous = _previousSilent ? 0f : TensorPrimitives.Dot(_previousKernel, window);
                destination[s] += previous + fadeIn * (current - previous);
            }
        }
        history.Slice(length, Taps - 1).CopyTo(history);
        _sinceTick += length;
    }

    private static float[] BuildSynthesisMatrix()
    {
        const int n = Taps;
        var matrix = new float[Taps * BandCount];
        for (int tap = 0; tap < Taps; tap++)
        {
            // Kernel is stored reversed so filtering is a dot product with the history window.
            int t = Taps - 1 - tap;
            double hann = 0.5 - 0.5 * Math.Cos(2 * Math.PI * t / n);
            int m = t - n / 2; // centre the zero-phase response: linear phase, delay n/2
            for (int k = 0; k < BandCount; k++)
            {
                double weight = k == 0 || k == BandCount - 1 ? 1.0 : 2.0;
                matrix[tap * BandCount + k] = (float)(weight / n * Math.Cos(2 * Math.PI * k * m / n) * hann);
            }
        }
        return matrix;
    }
}
