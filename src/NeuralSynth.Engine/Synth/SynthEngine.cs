using System.Numerics.Tensors;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Dsp;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Engine.Synth;

/// <summary>
/// The polyphonic harmonic-plus-noise instrument. Control values (pitch, harmonic distribution, noise
/// response) are computed on a fixed grid of <see cref="ControlInterval"/> samples counted from the start of
/// playback, never from the host's block boundaries: this is what makes the output independent of block size.
/// Events split the block at their exact sample.
/// </summary>
public sealed class SynthEngine : IInstrument, ISegmentedProcessor
{
    public const int ControlInterval = 32;
    public const int MaxHarmonics = 100;
    public const int MaxBlockSizeLimit = 1 << 16;

    private readonly ParametricTimbre _timbre = new(MaxHarmonics);
    private readonly VoiceAllocator _allocator = new(MaxHarmonics, ControlInterval);
    private readonly FilteredNoise _noise = new(ControlInterval);
    private readonly MonoNoteStack _noteStack = new();
    private float[] _mix = Array.Empty<float>();
    private float[] _gain = Array.Empty<float>();
    private readonly float[] _oscillatorScratch = new float[ControlInterval];
    private readonly float[] _envelopeScratch = new float[ControlInterval];
    private LinearSmoother _expression;
    private LinearSmoother _channelVolume;
    private double _sampleRate;
    private int _maxBlockSize;
    private long _position;
    private long _lastTick = -1;
    private int _envelopeVersion = -1;
    private float _pitchBend, _modWheel, _pressure;
    private bool _sustainPedal;
    private double _lastPitch = double.NaN;
    private ITimbreSource? _timbreSource;
    private ITimbreSource? _offeredSource;
    private int _offeredVersion, _adoptedVersion;
    private readonly TimbreFrame _frame;

    public SynthEngine()
    {
        Registry = SynthParameters.CreateRegistry();
        Parameters = new ParameterValues(Registry);
        _frame = new TimbreFrame(_allocator.Voices.Length, MaxHarmonics);
    }

    /// <summary>The decoder driving the voices' timbre, or null for the parametric (knob) timbre.</summary>
    public ITimbreSource? TimbreSource => _timbreSource;

    /// <summary>
    /// Replaces the timbre of all voices: a decoder, or null for the parametric timbre. Not for the audio
    /// thread: call before <see cref="Prepare"/> or while no block is being processed; a prepared engine
    /// prepares the source and is reset (voices stop).
    /// </summary>
    public void SetTimbreSource(ITimbreSource? source)
    {
        if (IsPrepared) source?.Prepare(_sampleRate, _allocator.Voices.Length, MaxHarmonics);
        OfferTimbreSource(source);
        AdoptOfferedSource();
        if (IsPrepared) Reset();
    }

    /// <summary>
    /// Hands over a timbre source already prepared for this engine (<see cref="ITimbreSource.Prepare"/> with
    /// <see cref="SampleRate"/>, <see cref="VoiceSlots"/> and <see cref="MaxHarmonics"/>), or null for the
    /// parametric timbre, from any one non-audio thread. The audio thread adopts it at the start of its next
    /// block (sounding voices stop: a new instrument starts from silence).
    /// </summary>
    /// <returns>The hand-over's version: once <see cref="TimbreVersionInUse"/> reaches it, the previous source is free.</returns>
    public int OfferTimbreSource(ITimbreSource? prepared)
    {
        Volatile.Write(ref _offeredSource, prepared);
        return Interlocked.Increment(ref _offeredVersion);
    }

    /// <summary>The version of the last source the audio thread adopted (see <see cref="OfferTimbreSource"/>).</summary>
    public int TimbreVersionInUse => Volatile.Read(ref _adoptedVersion);

    /// <summary>Voice slots a timbre source must be prepared for.</summary>
    public int VoiceSlots => _allocator.Voices.Length;

    public ParameterRegistry Registry { get; }
    public ParameterValues Parameters { get; }

    /// <summary>Events from other threads (UI, generator): applied at the start of the next block.</summary>
    public SpscRing<EngineEvent> IncomingEvents { get; } = new(4096);
    public SpscRing<MeterReading> Meters { get; } = new(256);
    public SpscRing<EngineMessage> Messages { get; } = new(256);

    /// <summary>The host's transport for the current block (set by a plug-in host before each Process; default offline).</summary>
    public HostTransport Transport { get; set; }

    public bool IsPrepared => _maxBlockSize > 0;
    public double SampleRate => _sampleRate;
    public int MaxBlockSize => _maxBlockSize;
    public long SamplePosition => _position;
    public int ActiveVoices => _allocator.CountSounding();
    public long NonFiniteSamplesReplaced { get; private set; }
    internal IReadOnlyList<Voice> VoicesForInspection => _allocator.Voices;

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        if (!(sampleRate >= 8000 && sampleRate <= 384000)) throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "sample rate must be 8000..384000 Hz");
        if (maxBlockSize < 1 || maxBlockSize > MaxBlockSizeLimit) throw new ArgumentOutOfRangeException(nameof(maxBlockSize), maxBlockSize, $"block size must be 1..{MaxBlockSizeLimit}");
        if (channels < 1 || channels > 32) throw new ArgumentOutOfRangeException(nameof(channels), channels, "channels must be 1..32");
        _sampleRate = sampleRate;
        _maxBlockSize = maxBlockSize;
        _mix = new float[maxBlockSize];
        _gain = new float[maxBlockSize];
        Parameters.Prepare(sampleRate);
        int controllerRamp = (int)(0.01 * sampleRate);
        _expression.Configure(controllerRamp);
        _channelVolume.Configure(controllerRamp);
        AdoptOfferedSource();
        _timbreSource?.Prepare(sampleRate, _allocator.Voices.Length, MaxHarmonics);
        Reset();
    }

    public void Reset()
    {
        AdoptOfferedSource();
        foreach (var v in _allocator.Voices) v.Kill();
        _timbreSource?.Reset();
        _noise.Reset();
        _noteStack.Clear();
        Parameters.Settle();
        _expression.SetImmediate(1f);
        _channelVolume.SetImmediate(1f);
        _pitchBend = _modWheel = _pressure = 0f;
        _sustainPedal = false;
        _lastPitch = double.NaN;
        _position = 0;
        _lastTick = -1;
        _envelopeVersion = -1;
        while (IncomingEvents.TryRead(out _)) { }
    }

    public void Process(AudioBlock block) => Process(block, ReadOnlySpan<EngineEvent>.Empty);

    public void Process(AudioBlock output, ReadOnlySpan<EngineEvent> events)
    {
        int length = output.Length;
        if (!IsPrepared || length <= 0 || length > _maxBlockSize)
        {
            output.Clear();
            return;
        }

        if (Volatile.Read(ref _offeredVersion) != _adoptedVersion)
        {
            AdoptOfferedSource();
            foreach (var v in _allocator.Voices) v.Kill();
            _noteStack.Clear();
        }

        _mix.AsSpan(0, length).Clear();
        EventSegmenter.Run(this, IncomingEvents, output, events);
        FinishBlock(output, _mix.AsSpan(0, length));
    }

    void ISegmentedProcessor.ApplyEvent(in EngineEvent e) => Apply(e);

    int ISegmentedProcessor.BeginSegment()
    {
        if (_position % ControlInterval == 0 && _lastTick != _position) Tick();
        return ControlInterval - (int)(_position % ControlInterval);
    }

    // The synth renders into its mono mix (copied to every channel at the end of the block), not into the segment.
    void ISegmentedProcessor.ProcessSegment(AudioBlock segment, int offset)
    {
        int length = segment.Length;
        RenderSegment(_mix.AsSpan(offset, length));
        FillGainCurve(_gain.AsSpan(offset, length));
        Parameters.Advance(length);
        _position += length;
    }

    private void AdoptOfferedSource()
    {
        int version = Volatile.Read(ref _offeredVersion);
        if (version == _adoptedVersion) return;
        _timbreSource = Volatile.Read(ref _offeredSource);
        _timbreSource?.Reset();
        Volatile.Write(ref _adoptedVersion, version); // after the swap: the owner may now dispose the previous source
    }

    private void RenderSegment(Span<float> mix)
    {
        var voices = _allocator.Voices;
        for (int i = 0; i < voices.Length; i++)
            if (voices[i].IsSounding) voices[i].RenderAdd(mix, _oscillatorScratch, _envelopeScratch);
        _noise.RenderAdd(mix);
    }

    private void FinishBlock(AudioBlock output, Span<float> mix)
    {
        int length = mix.Length;
        TensorPrimitives.Multiply(mix, _gain.AsSpan(0, length), mix);

        int replaced = OutputGuard.Sanitize(mix);
        if (replaced > 0)
        {
            NonFiniteSamplesReplaced += replaced;
            Messages.TryWrite(new EngineMessage(_position, EngineMessageCode.NonFiniteOutputReplaced, replaced));
        }

        for (int c = 0; c < output.ChannelCount; c++) mix.CopyTo(output.Channel(c));

        float peak = TensorPrimitives.MaxMagnitude(mix);
        float rms = MathF.Sqrt(TensorPrimitives.SumOfSquares(mix) / length);
        Meters.TryWrite(new MeterReading(_position, peak, rms, _allocator.CountSounding()));
    }

    /// <summary>Per-sample output gain for one segment: master gain (dB, smoothed) × expression × volume.</summary>
    private void FillGainCurve(Span<float> gain)
    {
        LinearSmoother master = Parameters.Smoother(SynthParameters.MasterGain); // a copy: Advance() moves the real one
        master.Fill(gain);
        TensorPrimitives.Multiply(gain, 0.115129255f, gain); // dB -> natural log of the gain
        TensorPrimitives.Exp(gain, gain);
        if (ExpressionDrivesDynamics) _expression.Advance(gain.Length); // CC11 is in the loudness curve instead
        else ApplyController(ref _expression, gain);
        ApplyController(ref _channelVolume, gain);
    }

    private bool ExpressionDrivesDynamics =>
        _timbreSource != null && (int)Parameters.GetTarget(SynthParameters.ExpressionTarget) == (int)ExpressionTarget.Dynamics;

    private static void ApplyController(ref LinearSmoother smoother, Span<float> gain)
    {
        if (!smoother.IsSmoothing)
        {
            if (smoother.Target != 1f) TensorPrimitives.Multiply(gain, smoother.Target, gain);
            return;
        }
        for (int i = 0; i < gain.Length; i++)
        {
            gain[i] *= smoother.Value;
            smoother.Advance(1);
        }
    }

    private void Tick()
    {
        _lastTick = _position;
        _timbre.Update(Parameters, _sampleRate);
        ConfigureEnvelopesIfChanged();
        var controls = CurrentControls();
        var voices = _allocator.Voices;
        if (_timbreSource != null) DecodedTick(_timbreSource, controls);
        else
            for (int i = 0; i < voices.Length; i++)
                if (voices[i].IsSounding) voices[i].ControlTick(controls, _timbre, _noise, immediate: false);
        _noise.Tick();
    }

    /// <summary>
    /// Decoder timbre: frames fall on every TicksPerFrame-th tick of the global grid (block-size invariant).
    /// At a frame tick all sounding voices are decoded in one batch; every tick interpolates toward the frame.
    /// </summary>
    private void DecodedTick(ITimbreSource source, in VoiceControls controls)
    {
        var voices = _allocator.Voices;
        int ticksPerFrame = Math.Max(1, source.TicksPerFrame);
        int tickInFrame = (int)(_position / ControlInterval % ticksPerFrame);
        for (int i = 0; i < voices.Length; i++)
            if (voices[i].IsSounding) voices[i].UpdatePitch(controls);

        if (tickInFrame == 0)
        {
            var expression = CurrentExpression();
            int rows = 0;
            for (int i = 0; i < voices.Length; i++)
            {
                if (!voices[i].IsSounding) continue;
                _frame.Slots[rows] = i;
                _frame.F0Hz[rows] = (float)voices[i].Frequency;
                _frame.LoudnessDb[rows] = voices[i].Loudness(expression);
                rows++;
            }
            _frame.Count = rows;
            if (rows > 0) source.Decode(_frame);
            for (int row = 0; row < rows; row++)
                voices[_frame.Slots[row]].ReceiveFrame(_frame.HarmonicsOf(row), _frame.NoiseOf(row));
        }

        for (int i = 0; i < voices.Length; i++)
            if (voices[i].IsSounding) voices[i].DecodedTick(controls, _noise, tickInFrame, ticksPerFrame);
    }

    private ExpressionControls CurrentExpression()
    {
        float modWheelAmount = Parameters.Get(SynthParameters.ModWheelDynamics) * 0.01f;
        float channel = 1f - modWheelAmount * (1f - _modWheel);
        if (ExpressionDrivesDynamics) channel *= _expression.Value;
        return new ExpressionControls(
            Parameters.Get(SynthParameters.ExpressionLoudness), Parameters.Get(SynthParameters.ExpressionRange),
            Parameters.Get(SynthParameters.VelocityDynamics) * 0.01f, channel,
            _pressure * Parameters.Get(SynthParameters.PressureDynamics) * 0.01f);
    }

    private VoiceControls CurrentControls()
    {
        float vibratoCents = Parameters.Get(SynthParameters.VibratoDepth)
            + Math.Max(_modWheel, _pressure) * Parameters.Get(SynthParameters.ModWheelVibrato);
        return new VoiceControls(
            _sampleRate, ControlInterval, Parameters.Get(SynthParameters.Tuning),
            _pitchBend * Parameters.Get(SynthParameters.BendRange),
            Parameters.Get(SynthParameters.VibratoRate), vibratoCents,
            Parameters.Get(SynthParameters.VibratoDelay) * 0.001 * _sampleRate,
            Parameters.Get(SynthParameters.Glide) * 0.001 * _sampleRate)
        {
            ScoopCents = Parameters.Get(SynthParameters.Scoop),
            ScoopSamples = Math.Max(1.0, Parameters.Get(SynthParameters.ScoopTime) * 0.001 * _sampleRate),
        };
    }

    private void ConfigureEnvelopesIfChanged()
    {
        if (_envelopeVersion == Parameters.Version) return;
        _envelopeVersion = Parameters.Version;
        float attack = Parameters.GetTarget(SynthParameters.Attack);
        float decay = Parameters.GetTarget(SynthParameters.Decay);
        float sustain = Parameters.GetTarget(SynthParameters.Sustain) * 0.01f;
        float release = Parameters.GetTarget(SynthParameters.Release);
        foreach (var v in _allocator.Voices) v.ConfigureEnvelope(_sampleRate, attack, decay, sustain, release);
    }

    private void Apply(in EngineEvent e)
    {
        switch (e.Kind)
        {
            case EngineEventKind.NoteOn when e.Value > 0f:
                NoteOn(e.Channel, e.Data, e.Value);
                break;
            case EngineEventKind.NoteOn:
            case EngineEventKind.NoteOff:
                NoteOff(e.Channel, e.Data);
                break;
            case EngineEventKind.PitchBend:
                _pitchBend = e.Value;
                break;
            case EngineEventKind.ChannelPressure:
                _pressure = e.Value;
                break;
            case EngineEventKind.ControlChange:
                ControlChange(e.Data, e.Value);
                break;
            case EngineEventKind.AllNotesOff:
                AllNotesOff();
                break;
            case EngineEventKind.AllSoundOff:
                foreach (var v in _allocator.Voices) v.Steal();
                _noteStack.Clear();
                break;
            case EngineEventKind.Parameter:
                Parameters.Set(e.ParameterId, e.Value);
                break;
        }
    }

    private void ControlChange(int controller, float value)
    {
        switch (controller)
        {
            case MidiController.ModWheel: _modWheel = value; break;
            case MidiController.Expression: _expression.SetTarget(value); break;
            case MidiController.Volume: _channelVolume.SetTarget(value); break;
            case MidiController.Sustain:
                bool down = value >= 0.5f;
                if (_sustainPedal && !down) ReleaseSustained();
                _sustainPedal = down;
                break;
            case MidiController.AllSoundOff:
                Apply(EngineEvent.AllSoundOff(0));
                break;
            case MidiController.AllNotesOff:
                AllNotesOff();
                break;
            case MidiController.ResetAllControllers:
                _modWheel = _pressure = _pitchBend = 0f;
                _expression.SetTarget(1f);
                if (_sustainPedal) ReleaseSustained();
                _sustainPedal = false;
                break;
        }
    }

    private VoiceMode Mode => (VoiceMode)(int)Parameters.GetTarget(SynthParameters.Mode);

    private float VelocityGain(float velocity)
    {
        float sensitivity = Parameters.GetTarget(SynthParameters.VelocitySensitivity) * 0.01f;
        return 1f - sensitivity + sensitivity * velocity * velocity;
    }

    /// <summary>Velocity-dependent attack: harder notes speak faster (×0.5 at full velocity and 100%).</summary>
    private float AttackScale(float velocity)
    {
        float amount = Parameters.GetTarget(SynthParameters.AttackVelocity) * 0.01f;
        return amount == 0f ? 1f : MathF.Pow(2f, -amount * (2f * velocity - 1f));
    }

    private void NoteOn(int channel, int note, float velocity)
    {
        if (Mode == VoiceMode.Poly) PolyNoteOn(channel, note, velocity);
        else MonoNoteOn(channel, note, velocity);
    }

    private void PolyNoteOn(int channel, int note, float velocity)
    {
        _allocator.FindPlaying(channel, note)?.Steal();
        var (voice, stole) = _allocator.Allocate((int)Parameters.GetTarget(SynthParameters.Polyphony));
        if (stole) Messages.TryWrite(new EngineMessage(_position, EngineMessageCode.VoiceStolen, note));
        StartVoice(voice, channel, note, velocity, double.NaN);
    }

    private void StartVoice(Voice voice, int channel, int note, float velocity, double glideFrom)
    {
        if (_envelopeVersion < 0) ConfigureEnvelopesIfChanged();
        _timbre.Update(Parameters, _sampleRate);
        bool fromSilence = !voice.IsSounding;
        voice.SetAttackScale(AttackScale(velocity));
        voice.DecoderDriven = _timbreSource != null;
        voice.Start(channel, note, velocity, VelocityGain(velocity), _position, glideFrom);
        if (_timbreSource == null) voice.ControlTick(CurrentControls(), _timbre, _noise, immediate: true);
        else
        {
            // A decoded voice sounds from the next frame tick; its state starts fresh only from silence so a
            // retriggered voice keeps its recurrent state (no timbre jump).
            if (fromSilence) _timbreSource.ResetVoice(voice.Slot);
            voice.UpdatePitch(CurrentControls());
        }
        _lastPitch = note;
    }

    private Voice? MonoVoice()
    {
        foreach (var v in _allocator.Voices) if (v.State is VoiceState.Held or VoiceState.Released) return v;
        return null;
    }

    private void MonoNoteOn(int channel, int note, float velocity)
    {
        _noteStack.Push(note, velocity);
        Voice? voice = MonoVoice();
        bool glide = Parameters.GetTarget(SynthParameters.Glide) > 0f;
        if (voice == null)
        {
            var (fresh, _) = _allocator.Allocate(1);
            StartVoice(fresh, channel, note, velocity, glide && Mode == VoiceMode.Mono ? _lastPitch : double.NaN);
            return;
        }
        bool overlapping = voice.State == VoiceState.Held;
        double from = glide && (Mode == VoiceMode.Mono || overlapping) ? voice.Pitch : double.NaN;
        voice.Legato(note, velocity, from);
        if (Mode == VoiceMode.Mono || !overlapping) voice.Retrigger();
        _lastPitch = note;
    }

    private void NoteOff(int channel, int note)
    {
        if (Mode == VoiceMode.Poly)
        {
            foreach (var v in _allocator.Voices)
            {
                if (v.Note != note || v.Channel != channel || v.State != VoiceState.Held) continue;
                if (_sustainPedal) v.HeldBySustain = true;
                else v.Release();
            }
            return;
        }

        bool wasTop = _noteStack.Top == note;
        _noteStack.Remove(note);
        Voice? voice = MonoVoice();
        if (voice == null || !wasTop) return;
        if (_noteStack.Count > 0)
        {
            bool glide = Parameters.GetTarget(SynthParameters.Glide) > 0f;
            voice.Legato(_noteStack.Top, _noteStack.TopVelocity, glide ? voice.Pitch : double.NaN);
            _lastPitch = _noteStack.Top;
        }
        else if (_sustainPedal) voice.HeldBySustain = true;
        else voice.Release();
    }

    private void ReleaseSustained()
    {
        foreach (var v in _allocator.Voices)
            if (v.HeldBySustain && v.State == VoiceState.Held && (Mode == VoiceMode.Poly || _noteStack.Count == 0)) v.Release();
    }

    private void AllNotesOff()
    {
        _noteStack.Clear();
        _sustainPedal = false;
        foreach (var v in _allocator.Voices) v.Release();
    }
}
