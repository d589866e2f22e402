using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Runs one of several pre-built networks chosen by a size 0..1 (a SlimmableContainer's submodels, or a
/// slimmable WaveNet at each of its channel counts). A size change never swaps networks abruptly: the
/// newcomer is reset and fed the live input for its pre-warm length (a WaveNet's receptive field, after which
/// its state equals that of a network that had been running all along), then the two outputs are crossfaded
/// over <see cref="CrossfadeSeconds"/>. Everything is allocated in <see cref="Prepare"/>.
/// </summary>
internal sealed class SlimmableNetwork : INeuralModel, ISlimmableModel
{
    /// <summary>Length of the equal-gain linear crossfade between two networks.</summary>
    public const double CrossfadeSeconds = 0.015;

    private readonly INeuralModel[] _networks;
    private readonly Func<double, int> _select;
    private readonly int _crossfadeLength;
    private float[] _incomingOutput = Array.Empty<float>();
    private int _requested;
    private int _active;
    private int _incoming = -1;
    private int _warmupLeft;
    private int _fadePosition = -1;
    private double _size;

    /// <param name="networks">The networks, smallest first.</param>
    /// <param name="select">Index of the network for a size (NAM's rule for this kind of model).</param>
    /// <param name="breakpoints">Sizes where the selection changes.</param>
    /// <param name="defaultSize">Size selected after load (NAM starts at the largest).</param>
    public SlimmableNetwork(INeuralModel[] networks, Func<double, int> select, IReadOnlyList<double> breakpoints, double defaultSize = 1.0)
    {
        if (networks.Length == 0) throw new ArgumentException("at least one network is needed", nameof(networks));
        _networks = networks;
        _select = select;
        SizeBreakpoints = breakpoints;
        SampleRate = networks[0].SampleRate;
        _crossfadeLength = Math.Max(1, (int)Math.Round(CrossfadeSeconds * SampleRate));
        _size = defaultSize;
        _requested = _active = select(defaultSize);
    }

    public IReadOnlyList<INeuralModel> Networks => _networks;

    /// <summary>The network producing the output now (the outgoing one during a crossfade).</summary>
    public int ActiveIndex => _active;

    /// <summary>True while a newly selected network is warming up or fading in.</summary>
    public bool Switching => _incoming >= 0;

    public double Size => Volatile.Read(ref _size);

    public IReadOnlyList<double> SizeBreakpoints { get; }

    public double SampleRate { get; }

    public int PrewarmSamples => _networks[_active].PrewarmSamples;

    public int MaxBlockSize { get; private set; }

    public void SetSize(double size)
    {
        size = Math.Clamp(double.IsFinite(size) ? size : 1.0, 0.0, 1.0);
        Volatile.Write(ref _size, size);
        Volatile.Write(ref _requested, _select(size));
    }

    public void Prepare(int maxBlockSize)
    {
        foreach (var network in _networks) network.Prepare(maxBlockSize);
        _incomingOutput = new float[maxBlockSize];
        MaxBlockSize = maxBlockSize;
    }

    /// <summary>A reset starts directly on the requested network (as NAM resets the one it selected).</summary>
    public void Reset()
    {
        _active = Volatile.Read(ref _requested);
        _incoming = -1;
        _fadePosition = -1;
        _networks[_active].Reset();
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int frames = input.Length;
        FollowRequest();
        _networks[_active].Process(input, output);
        if (_incoming < 0) return;

        var incoming = _incomingOutput.AsSpan(0, frames);
        _networks[_incoming].Process(input, incoming);
        if (_fadePosition < 0)
        {
            // Still warming up: only the outgoing network is heard.
            _warmupLeft -= frames;
            if (_warmupLeft <= 0) _fadePosition = 0;
            return;
        }
        float step = 1f / _crossfadeLength;
        for (int i = 0; i < frames; i++)
        {
            float gain = Math.Min(1f, (_fadePosition + i + 1) * step);
            output[i] += gain * (incoming[i] - output[i]);
        }
        _fadePosition += frames;
        if (_fadePosition >= _crossfadeLength)
        {
            _active = _incoming;
            _incoming = -1;
            _fadePosition = -1;
        }
    }

    private void FollowRequest()
    {
        int requested = Volatile.Read(ref _requested);
        if (_incoming < 0)
        {
            if (requested != _active) Begin(requested);
        }
        else if (_fadePosition < 0 && requested != _incoming)
        {
            // Changed mind during the warm-up (nothing of the newcomer was heard yet): retarget or cancel.
            if (requested == _active) _incoming = -1;
            else Begin(requested);
        }
        // During a crossfade a new request waits until the fade completes.
    }

    private void Begin(int index)
    {
        _incoming = index;
        _networks[index].Reset();
        _warmupLeft = _networks[index].PrewarmSamples;
        _fadePosition = -1;
    }
}
