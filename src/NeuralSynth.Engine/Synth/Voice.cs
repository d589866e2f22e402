using System.Numerics.Tensors;
using NeuralSynth.Engine.Dsp;

namespace NeuralSynth.Engine.Synth;

public enum VoiceState { Free, Held, Released, Stealing }

/// <summary>Control values shared by all voices at one tick.</summary>
public readonly record struct VoiceControls(
    double SampleRate, int Interval, double TuningHz, double BendSemitones,
    double VibratoRateHz, double VibratoCents, double VibratoDelaySamples, double GlideSamples)
{
    /// <summary>Onset scoop: notes start this many cents flat and rise exponentially (brass/voice articulation).</summary>
    public double ScoopCents { get; init; }

    /// <summary>Time constant of the scoop in samples.</summary>
    public double ScoopSamples { get; init; } = 1;
}

/// <summary>
/// One sounding note: pitch (with glide and vibrato), an ADSR envelope and a harmonic oscillator bank.
/// Pitch and timbre update at control ticks; envelope and oscillators run per sample.
/// Timbre comes either from <see cref="ParametricTimbre"/> (knobs) or, when <see cref="DecoderDriven"/>, from
/// frames of an <see cref="ITimbreSource"/>: then the envelope shapes the loudness sent to the decoder (which
/// already scales its output), and only a gate on the envelope's last 60 dB keeps note ends click-free.
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
    private readonly float[] _frameCurrent;
    private readonly float[] _noisePrevious = new float[FilteredNoise.BandCount];
    private readonly float[] _noiseCurrent = new float[FilteredNoise.BandCount];
    private readonly float[] _noiseScratch = new float[FilteredNoise.BandCount];
    private const float GateScale = 1000f; // gate = envelope × 1000, capped at 1: fades only below -60 dB
    private float _gateScale = GateScale;
    private double _envelopeRate;
    private float _attackMs, _decayMs, _sustainLevel, _releaseMs;
    private float _attackScale = 1f;

    public Voice(int maxHarmonics, int maxSegment, int slot = 0)
    {
        _bank = new HarmonicOscillatorBank(maxHarmonics, maxSegment);
        _amplitudes = new float[_bank.MaxHarmonics];
        _frameCurrent = new float[_bank.MaxHarmonics];
        Slot = slot;
    }

    /// <summary>Index in the voice pool: the key of this voice's recurrent state in a timbre source.</summary>
    public int Slot { get; }

    /// <summary>Timbre comes from decoded frames (<see cref="ReceiveFrame"/>) instead of the parametric timbre.</summary>
    public bool DecoderDriven { get; set; }

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

    public void ConfigureEnvelope(double sampleRate, float attackMs, float decayMs, float sustain, float releaseMs)
    {
        _envelopeRate = sampleRate;
        (_attackMs, _decayMs, _sustainLevel, _releaseMs) = (attackMs, decayMs, sustain, releaseMs);
        ApplyEnvelopeConfiguration();
    }

    /// <summary>Scales this voice's attack time (velocity-dependent attacks); 1 leaves it as configured.</summary>
    public void SetAttackScale(float scale)
    {
        if (scale == _attackScale) return;
        _attackScale = scale;
        if (_envelopeRate > 0) ApplyEnvelopeConfiguration();
    }

    private void ApplyEnvelopeConfiguration() =>
        _envelope.Configure(_envelopeRate, _attackMs * _attackScale, _decayMs, _sustainLevel, _releaseMs);

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
        _gateScale = GateScale;
        if (wasSilent)
        {
            _bank.Reset();
            ClearFrames();
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
        // The fast release is linear from the current level; scaling the gate by 1/level makes it a full fade
        // to zero even when the decoder, one frame behind, still outputs the old loudness.
        _gateScale = Math.Min(GateScale, 1f / Math.Max(_envelope.Level, 1e-6f));
        _envelope.FastRelease();
    }

    public void Kill()
    {
        State = VoiceState.Free;
        _envelope.Reset();
        _bank.Reset();
        ClearFrames();
    }

    private void ClearFrames()
    {
        Array.Clear(_frameCurrent);
        Array.Clear(_noisePrevious);
        Array.Clear(_noiseCurrent);
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
        UpdatePitch(controls);
        int count = timbre.HarmonicAmplitudes(Frequency, controls.SampleRate, _amplitudes);
        _bank.Sync(_phase, _omega, _amplitudes.AsSpan(0, Math.Max(count, 0)), immediate ? 0 : controls.Interval);
        noise.Accumulate(_envelope.Level * Gain, timbre.NoiseMagnitudes);
    }

    /// <summary>Loudness to ask the decoder for at this tick: expression, velocity and the envelope in dB.</summary>
    public float Loudness(in ExpressionControls expression) => expression.VoiceLoudness(Velocity, _envelope.Level);

    /// <summary>Takes a newly decoded frame; the previous one becomes the start of the interpolation.</summary>
    public void ReceiveFrame(ReadOnlySpan<float> harmonics, ReadOnlySpan<float> noiseMagnitudes)
    {
        _noiseCurrent.CopyTo(_noisePrevious);
        int count = Math.Min(harmonics.Length, _frameCurrent.Length);
        harmonics[..count].CopyTo(_frameCurrent);
        _frameCurrent.AsSpan(count).Clear();
        noiseMagnitudes[..FilteredNoise.BandCount].CopyTo(_noiseCurrent);
    }

    /// <summary>
    /// Timbre from decoded frames: over each frame the amplitudes move in a straight line from the previous frame to
    /// the current one, never in steps (a note's first frame fades in from silence over one frame), so the bank gets
    /// one ramp per frame at its first tick and only new pitch at the others. The noise bands are interpolated the
    /// same way, a tick at a time. Call after <see cref="UpdatePitch"/>.
    /// </summary>
    public void DecodedTick(in VoiceControls controls, FilteredNoise noise, int tickInFrame, int ticksPerFrame)
    {
        if (tickInFrame == 0) _bank.Sync(_phase, _omega, _frameCurrent, ticksPerFrame * controls.Interval);
        else _bank.Retune(_phase, _omega);
        float amount = (tickInFrame + 1f) / ticksPerFrame;
        TensorPrimitives.Lerp(_noisePrevious, _noiseCurrent, amount, _noiseScratch);
        noise.Accumulate(Math.Min(1f, _envelope.Level * _gateScale), _noiseScratch);
    }

    /// <summary>Advances glide, vibrato, scoop and the oscillator phase to this tick.</summary>
    public void UpdatePitch(in VoiceControls controls)
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
        if (controls.ScoopCents > 0) semitones -= controls.ScoopCents * 0.01 * Math.Exp(-SamplesSinceStart / controls.ScoopSamples);
        Frequency = controls.TuningHz * Math.Pow(2.0, (semitones - 69.0) / 12.0);

        _phase += _omega * _samplesSincePhaseSync;
        if (_phase > TwoPi) _phase -= TwoPi * Math.Floor(_phase / TwoPi);
        _samplesSincePhaseSync = 0;
        _omega = TwoPi * Frequency / controls.SampleRate;
    }

    /// <summary>Adds this voice's next <paramref name="length"/> samples into <paramref name="mix"/>.</summary>
    public void RenderAdd(Span<float> mix, Span<float> oscillatorScratch, Span<float> envelopeScratch)
    {
        int length = mix.Length;
        Span<float> osc = oscillatorScratch[..length];
        Span<float> env = envelopeScratch[..length];
        _bank.Render(osc);
        _envelope.Render(env);
        if (DecoderDriven)
        {
            TensorPrimitives.Multiply(env, _gateScale, env);
            TensorPrimitives.Min(env, 1f, env);
            TensorPrimitives.MultiplyAdd(osc, env, mix, mix);
        }
        else
        {
            TensorPrimitives.Multiply(osc, env, osc);
            TensorPrimitives.MultiplyAdd(osc, Gain, mix, mix);
        }

        _samplesSincePhaseSync += length;
        _samplesSinceVibratoUpdate += length;
        _glideElapsed += length;
        SamplesSinceStart += length;
        if (!_envelope.IsActive) Kill();
    }
}
