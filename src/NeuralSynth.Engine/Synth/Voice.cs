using System.Numerics.Tensors;
using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Engine.Synth;

public enum VoiceState { Free, Held, Released, Stealing }

/// <summary>Control values shared by all voices at one tick.</summary>
public readonly record struct VoiceControls(
    double SampleRate, int Interval, double TuningHz, double BendSemitones,
    double VibratoRateHz, double VibratoCents, double VibratoDelaySamples, double GlideSamples);

/// <summary>
/// One sounding note: pitch (with glide and vibrato), an ADSR envelope and a harmonic oscillator bank.
/// Pitch and timbre update at control ticks; envelope and oscillators run per sample.
/// </summary>
public sealed class Voice
{
    private const double TwoPi = 2 * Math.PI;
    private const double VibratoFadeInSeconds = 0.3;

    private readonly HarmonicOscillatorBank _bank;
    private readonly float[] _amplitudes;
    private AdsrEnvelope _envelope;
    private double _phase;
    private double _omega;
    private long _samplesSincePhaseSync;
    private double _vibratoPhase;
    private long _samplesSinceVibratoUpdate;
    private double _glideFrom;
    private long _glideElapsed;
    private double _glideLength;

    public Voice(int maxHarmonics, int maxSegment)
    {
        _bank = new HarmonicOscillatorBank(maxHarmonics, maxSegment);
        _amplitudes = new float[_bank.MaxHarmonics];
    }

    public VoiceState State { get; private set; }
    public int Note { get; private set; }
    public int Channel { get; private set; }
    public float Velocity { get; private set; }
    public float Gain { get; private set; }
    /// <summary>Engine sample position at which this voice last (re)started: the age used for stealing.</summary>
    public long StartedAt { get; private set; }
    public bool HeldBySustain { get; set; }
    public long SamplesSinceStart { get; private set; }
    public float Level => _envelope.Level;
    public double Pitch { get; private set; }
    public double Frequency { get; private set; }
    public bool IsSounding => State != VoiceState.Free;

    public void ConfigureEnvelope(double sampleRate, float attackMs, float decayMs, float sustain, float releaseMs) =>
        _envelope.Configure(sampleRate, attackMs, decayMs, sustain, releaseMs);

    public void Start(int channel, int note, float velocity, float gain, long now, double glideFromPitch)
    {
        bool wasSilent = State == VoiceState.Free;
        State = VoiceState.Held;
        Channel = channel;
        Note = note;
        Velocity = velocity;
        Gain = gain;
        StartedAt = now;
        HeldBySustain = false;
        SamplesSinceStart = 0;
        _vibratoPhase = 0;
        _samplesSinceVibratoUpdate = 0;
        if (wasSilent)
        {
            _bank.Reset();
            _phase = Math.PI / 2; // cosine phase: the first sample of a note is already non-zero
            _samplesSincePhaseSync = 0;
            _envelope.Reset();
        }
        GlideTo(note, glideFromPitch);
        _envelope.Trigger();
    }

    /// <summary>Moves to a new note without retriggering the envelope (legato).</summary>
    public void Legato(int note, float velocity, double glideFromPitch)
    {
        Note = note;
        Velocity = velocity;
        State = VoiceState.Held;
        GlideTo(note, glideFromPitch);
    }

    public void Retrigger() => _envelope.Trigger();

    public void Release()
    {
        if (State != VoiceState.Held) return;
        State = VoiceState.Released;
        HeldBySustain = false;
        _envelope.Release();
    }

    public void Steal()
    {
        if (State == VoiceState.Free) return;
        State = VoiceState.Stealing;
        _envelope.FastRelease();
    }

    public void Kill()
    {
        State = VoiceState.Free;
        _envelope.Reset();
        _bank.Reset();
    }

    private void GlideTo(int note, double fromPitch)
    {
        _glideFrom = double.IsNaN(fromPitch) ? note : fromPitch;
        _glideElapsed = 0;
        _glideLength = -1; // taken from the controls at the next tick
        Pitch = _glideFrom;
    }

    /// <summary>Updates pitch and timbre; <paramref name="immediate"/> jumps instead of ramping (note start).</summary>
    public void ControlTick(in VoiceControls controls, ParametricTimbre timbre, FilteredNoise noise, bool immediate)
    {
        if (_glideLength < 0) _glideLength = controls.GlideSamples;
        double glideProgress = _glideLength <= 0 ? 1.0 : Math.Min(1.0, _glideElapsed / _glideLength);
        Pitch = _glideFrom + (Note - _glideFrom) * glideProgress;

        _vibratoPhase += TwoPi * controls.VibratoRateHz * _samplesSinceVibratoUpdate / controls.SampleRate;
        if (_vibratoPhase > TwoPi) _vibratoPhase -= TwoPi * Math.Floor(_vibratoPhase / TwoPi);
        _samplesSinceVibratoUpdate = 0;
        double sinceDelay = SamplesSinceStart - controls.VibratoDelaySamples;
        double vibratoAmount = sinceDelay <= 0 ? 0 : Math.Min(1.0, sinceDelay / (VibratoFadeInSeconds * controls.SampleRate));
        double vibrato = controls.VibratoCents * 0.01 * vibratoAmount * Math.Sin(_vibratoPhase);

        double semitones = Pitch + controls.BendSemitones + vibrato;
        Frequency = controls.TuningHz * Math.Pow(2.0, (semitones - 69.0) / 12.0);

        _phase += _omega * _samplesSincePhaseSync;
        if (_phase > TwoPi) _phase -= TwoPi * Math.Floor(_phase / TwoPi);
        _samplesSincePhaseSync = 0;
        _omega = TwoPi * Frequency / controls.SampleRate;

        int count = timbre.HarmonicAmplitudes(Frequency, controls.SampleRate, _amplitudes);
        _bank.Sync(_phase, _omega, _amplitudes.AsSpan(0, Math.Max(count, 0)), immediate ? 0 : controls.Interval);
        noise.Accumulate(_envelope.Level * Gain, timbre.NoiseMagnitudes);
    }

    /// <summary>Adds this voice's next <paramref name="length"/> samples into <paramref name="mix"/>.</summary>
    public void RenderAdd(Span<float> mix, Span<float> oscillatorScratch, Span<float> envelopeScratch)
    {
        int length = mix.Length;
        Span<float> osc = oscillatorScratch[..length];
        Span<float> env = envelopeScratch[..length];
        _bank.Render(osc);
        _envelope.Render(env);
        TensorPrimitives.Multiply(osc, env, osc);
        TensorPrimitives.MultiplyAdd(osc, Gain, mix, mix);

        _samplesSincePhaseSync += length;
        _samplesSinceVibratoUpdate += length;
        _glideElapsed += length;
        SamplesSinceStart += length;
        if (!_envelope.IsActive) Kill();
    }
}
