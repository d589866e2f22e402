using NeuralSynth.Generation.Api;
using NeuralSynth.Engine.Core;
using NeuralSynth.Generation.Model;
using NeuralSynth.Generation.Music;
using NeuralSynth.Generation.Sampling;
using NeuralSynth.Generation.Tokens;

namespace NeuralSynth.Generation.Live;

/// <summary>
/// Background generation for live playback. A dedicated thread keeps the model at least
/// <see cref="LiveSettings.LookaheadBars"/> whole bars ahead of the host playhead and sends each finished bar's
/// notes, stamped in quarter notes, to the audio thread's <see cref="Scheduler"/> through a lock-free SPSC ring.
/// The scheduler reports the playhead and transport jumps back through another ring; on a jump the generator
/// restarts at the new bar, primed with what it generated (or the user played) in the two bars before it.
/// With "continue what I play", notes the user played (recorded by the scheduler on the audio thread) become
/// the primer of the next bar not yet generated. Bars are assumed to start at quarter 0 of the host timeline.
/// </summary>
public sealed class LiveGenerator : IDisposable
{
    private const int PrimerBars = 2;
    private const int HistoryBars = 8;

    private readonly ITokenModel _model;
    private readonly bool _ownsModel;
    private readonly SpscRing<GeneratedNote> _notes = new(2048); // the generator runs 2 bars ahead; off the large-object heap
    private readonly SpscRing<TransportCommand> _commands = new(256);
    private readonly SpscRing<PlayedNote> _played = new(1024);
    private readonly SpscRing<PlayedNote> _heard = new(1024);   // from a transcriber bridge (hum a motif)
    private readonly AtomicDouble _playhead = new(0);
    private readonly ulong _seed;
    private readonly List<ScoreNote> _history = [];   // generated notes, absolute 1/16 steps
    private readonly List<ScoreNote> _userNotes = [];  // played notes, absolute 1/16 steps
    private readonly Dictionary<int, (double Beat, int Velocity)> _held = [];
    private Thread? _thread;
    private volatile bool _stopRequested;
    private volatile LiveSettings _settings;
    private LiveSettings? _appliedSettings;
    private GenerationSession? _session;
    private bool _cued; // a transport command arrived: stopped and cued, or playing
    private int _epoch;
    private double _tempo = 120;
    private bool _userPrimerPending;
    private long _restarts;

    public LiveGenerator(ITokenModel model, LiveSettings? settings = null, ulong seed = 1, bool ownsModel = false)
    {
        _model = model;
        _ownsModel = ownsModel;
        _seed = seed;
        _settings = settings ?? new LiveSettings();
        Scheduler = new GeneratedNoteScheduler(_notes, _commands, _played, _playhead);
    }

    /// <summary>Audio-thread endpoint; call its Process once per block.</summary>
    public GeneratedNoteScheduler Scheduler { get; }

    /// <summary>Swap in new parameters from any thread.</summary>
    public LiveSettings Settings
    {
        get => _settings;
        set => _settings = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Runs on the generator thread before each unit of work: lets an owner that collects parameter changes
    /// lock-free (e.g. from the audio thread) turn them into <see cref="Settings"/> where allocating is allowed.
    /// </summary>
    public Action? SettingsRefresh { get; set; }

    /// <summary>
    /// True once the generator, working for transport epoch <paramref name="epoch"/> (the scheduler's), has sent
    /// every note that starts before <paramref name="quarters"/>. Any thread; lets an offline render wait.
    /// </summary>
    public bool HasComposedThrough(int epoch, double quarters) =>
        Volatile.Read(ref _composedEpoch) == epoch && _composedThrough.Read() >= quarters;

    private readonly AtomicDouble _composedThrough = new(double.NegativeInfinity);
    private int _composedEpoch = -1;

    public long BarsGenerated => Interlocked.Read(ref _barsGenerated);
    private long _barsGenerated;

    public long NotesSent => Interlocked.Read(ref _notesSent);
    private long _notesSent;

    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>Notes received from <see cref="OfferHeardNote"/> (transcribed input) so far.</summary>
    public long HeardNotes => Interlocked.Read(ref _heardNotes);
    private long _heardNotes;

    /// <summary>
    /// A note heard in the input audio (e.g. by a streaming transcriber), stamped in host quarter notes; used like
    /// a played note for "continue what I play". One producer thread only (the bridge); never the audio thread,
    /// whose notes go through the scheduler.
    /// </summary>
    public bool OfferHeardNote(in PlayedNote note) => _heard.TryWrite(note);

    /// <summary>Set if the generator thread died (model failure); the audio side just stops receiving notes.</summary>
    public Exception? Fault { get; private set; }

    public void Start()
    {
        if (_thread is not null) return;
        _stopRequested = false;
        _thread = new Thread(Run) { IsBackground = true, Name = "NeuralSynth generator", Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public void Stop()
    {
        _stopRequested = true;
        _thread?.Join();
        _thread = null;
    }

    public void Dispose()
    {
        Stop();
        if (_ownsModel) _model.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stopRequested)
            {
                ProcessCommands();
                DrainPlayed();
                SettingsRefresh?.Invoke();
                var settings = _settings;
                if (!settings.Enabled || !_cued)
                {
                    Thread.Sleep(2);
                    continue;
                }
                if (!WorkOnce(settings)) Thread.Sleep(2);
            }
        }
        catch (Exception e)
        {
            Fault = e;
        }
    }

    /// <summary>Generates one bar if the lookahead needs it; false when already far enough ahead.</summary>
    private bool WorkOnce(LiveSettings settings)
    {
        int stepsPerBar = Meter.FourFour.StepsPerBar();
        double quartersPerBar = stepsPerBar / 4.0;
        if (_session is null)
        {
            Restart(BarAt(_playhead.Read(), quartersPerBar), settings);
        }
        else if ((_appliedSettings is not null && settings.NeedsReprime(_appliedSettings))
                 || (_userPrimerPending && settings.ContinueWhatIPlay))
        {
            Restart(_session.CurrentBar, settings);
        }
        if (!ReferenceEquals(settings, _appliedSettings))
        {
            _session!.Sampling = new SamplingOptions(settings.Temperature, 0, settings.TopP);
            _appliedSettings = settings;
        }

        int playBar = BarAt(_playhead.Read(), quartersPerBar);
        int target = playBar + 1 + Math.Max(1, settings.LookaheadBars);
        if (_session!.CurrentBar >= target) return false;

        _session.GenerateUntilBar(_session.CurrentBar + 1);
        SendNotes();
        PublishComposed(_session.CurrentBar * quartersPerBar);
        Interlocked.Increment(ref _barsGenerated);
        return true;
    }

    private static int BarAt(double quarters, double quartersPerBar) => (int)Math.Floor(Math.Max(0, quarters) / quartersPerBar + 1e-9);

    private void Restart(int startBar, LiveSettings settings)
    {
        int spb = Meter.FourFour.StepsPerBar();
        int primerStart = Math.Max(0, startBar - PrimerBars) * spb;
        int primerEnd = startBar * spb;
        var source = settings.ContinueWhatIPlay && _userNotes.Any(n => n.Start >= primerStart && n.Start < primerEnd) ? _userNotes : _history;
        var primerNotes = source.Where(n => n.Start >= primerStart && n.Start < primerEnd)
            .Select(n => n with { Start = n.Start - primerStart }).ToList();
        var attributes = AttributeResolver.Compose(settings.ResolvedKey, Meter.FourFour, _tempo, settings.Density, 4, settings.Emotion);

        _session = new GenerationSession(_model, _seed + (ulong)_restarts)
        {
            Sampling = new SamplingOptions(settings.Temperature, 0, settings.TopP),
            Constraints = new GrammarConstraints(Key: settings.KeyMask ? settings.ResolvedKey : null),
            BoundedHistory = true,
            // Continuing the user develops what they played; continuing its own history the generator just goes on.
            MotifStrength = ReferenceEquals(source, _userNotes) ? GenerationRequest.DefaultMotifGuidance : 0f,
        };
        if (primerNotes.Count > 0)
        {
            var primer = new Score(primerNotes, [new TempoChange(0, _tempo)], Meter.FourFour);
            _session.Start(attributes, _tempo, primer, firstBar: primerStart / spb);
            var bar = new List<int> { RemiVocabulary.Bar };
            while (_session.CurrentBar < startBar) _session.Force(bar);
            _session.DiscardNotes(_session.Notes.Count); // already played
        }
        else
        {
            _session.Start(attributes, _tempo, firstBar: startBar);
        }
        _appliedSettings = settings;
        _userPrimerPending = false;
        _restarts++;
        PublishComposed(startBar * (spb / 4.0));
    }

    // Position before epoch: a reader that sees the new epoch also sees a position of that epoch.
    private void PublishComposed(double quarters)
    {
        _composedThrough.Write(quarters);
        Volatile.Write(ref _composedEpoch, _epoch);
    }

    private void SendNotes()
    {
        var notes = _session!.Notes;
        foreach (var n in notes)
        {
            var message = new GeneratedNote(n.Start / 4.0, n.Duration / 4.0, (byte)n.Pitch, (byte)n.Velocity, _epoch);
            while (!_notes.TryWrite(message))
            {
                if (_stopRequested) return;
                Thread.Sleep(1); // the audio side drains every block; a full ring means we are far ahead
            }
            _history.Add(n);
            Interlocked.Increment(ref _notesSent);
        }
        _session.DiscardNotes(notes.Count);
        int keepFrom = (_session.CurrentBar - HistoryBars) * Meter.FourFour.StepsPerBar();
        _history.RemoveAll(n => n.Start < keepFrom);
        _userNotes.RemoveAll(n => n.Start < keepFrom);
    }

    private void ProcessCommands()
    {
        while (_commands.TryRead(out var command))
        {
            _epoch = command.Epoch;
            _tempo = command.Tempo;
            // Stopped: cue at the stopped position and compose ahead while stopped (the playhead stands still, so
            // the lookahead bounds the work); play starting there then finds its first bars ready.
            _cued = true;
            // Regenerate from the bar holding the new position, primed with what preceded it. While switched off,
            // only forget the session: the model is not touched (nor opened) until the generator is enabled.
            if (_settings.Enabled) Restart(BarAt(command.Beat, Meter.FourFour.StepsPerBar() / 4.0), _settings);
            else _session = null;
        }
    }

    private void DrainPlayed()
    {
        DrainPlayed(_played);
        long before = _userNotes.Count;
        DrainPlayed(_heard);
        Interlocked.Add(ref _heardNotes, _userNotes.Count - before);
    }

    private void DrainPlayed(SpscRing<PlayedNote> ring)
    {
        while (ring.TryRead(out var p))
        {
            if (p.IsOn)
            {
                _held[p.Pitch] = (p.Beat, p.Velocity);
                continue;
            }
            if (!_held.Remove(p.Pitch, out var on)) continue;
            int start = (int)Math.Round(on.Beat * 4);
            int end = (int)Math.Round(p.Beat * 4);
            _userNotes.Add(new ScoreNote(start, Quantization.ClipDuration(end - start), p.Pitch, on.Velocity));
            _userPrimerPending = true;
        }
    }
}
