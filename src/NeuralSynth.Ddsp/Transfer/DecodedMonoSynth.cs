using System.Numerics.Tensors;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Ddsp.Transfer;

/// <summary>
/// One continuous voice driven by decoded frames (timbre transfer has a pitch curve, not notes): the engine's
/// harmonic bank and filtered noise with the same conventions as a decoder-driven <see cref="Voice"/> —
/// per-tick targets interpolated linearly between frames, phase kept in double and re-synced every tick.
/// </summary>
internal sealed class DecodedMonoSynth
{
    private readonly HarmonicOscillatorBank _bank = new(SynthEngine.MaxHarmonics, SynthEngine.ControlInterval);
    private readonly FilteredNoise _noise = new(SynthEngine.ControlInterval);
    private readonly float[] _previous, _current, _amplitudes;
    private readonly float[] _noisePrevious = new float[FilteredNoise.BandCount];
    private readonly float[] _noiseCurrent = new float[FilteredNoise.BandCount];
    private readonly float[] _noiseScratch = new float[FilteredNoise.BandCount];
    private double _phase = Math.PI / 2, _omega;
    private long _sinceSync;

    public DecodedMonoSynth()
    {
        _previous = new float[_bank.MaxHarmonics];
        _current = new float[_bank.MaxHarmonics];
        _amplitudes = new float[_bank.MaxHarmonics];
    }

    public void Reset()
    {
        _bank.Reset();
        _noise.Reset();
        Array.Clear(_previous);
        Array.Clear(_current);
        Array.Clear(_noisePrevious);
        Array.Clear(_noiseCurrent);
        _phase = Math.PI / 2;
        _omega = 0;
        _sinceSync = 0;
    }

    /// <summary>A new frame, scaled by <paramref name="gain"/> (the voicing gate).</summary>
    public void ReceiveFrame(ReadOnlySpan<float> harmonics, ReadOnlySpan<float> noise, float gain)
    {
        _current.CopyTo(_previous);
        _noiseCurrent.CopyTo(_noisePrevious);
        int count = Math.Min(harmonics.Length, _current.Length);
        TensorPrimitives.Multiply(harmonics[..count], gain, _current.AsSpan(0, count));
        _current.AsSpan(count).Clear();
        TensorPrimitives.Multiply(noise[..FilteredNoise.BandCount], gain, _noiseCurrent);
    }

    /// <summary>Control tick: new frequency, interpolated targets, next noise filter.</summary>
    public void Tick(double frequency, double sampleRate, int tickInFrame, int ticksPerFrame)
    {
        _phase += _omega * _sinceSync;
        if (_phase > 2 * Math.PI) _phase -= 2 * Math.PI * Math.Floor(_phase / (2 * Math.PI));
        _sinceSync = 0;
        _omega = 2 * Math.PI * frequency / sampleRate;
        float amount = (tickInFrame + 1f) / ticksPerFrame;
        TensorPrimitives.Lerp(_previous, _current, amount, _amplitudes);
        _bank.Sync(_phase, _omega, _amplitudes, SynthEngine.ControlInterval);
        TensorPrimitives.Lerp(_noisePrevious, _noiseCurrent, amount, _noiseScratch);
        _noise.Accumulate(1f, _noiseScratch);
        _noise.Tick();
    }

    /// <summary>Writes the next samples (never more than one tick).</summary>
    public void Render(Span<float> destination)
    {
        _bank.Render(destination);
        _noise.RenderAdd(destination);
        _sinceSync += destination.Length;
    }
}
