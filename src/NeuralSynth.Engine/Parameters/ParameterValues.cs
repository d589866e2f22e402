namespace NeuralSynth.Engine.Parameters;

/// <summary>
/// Runtime values of every parameter in a registry, each with its own smoother. Owned by the audio thread:
/// other threads reach it through events.
/// </summary>
public sealed class ParameterValues
{
    private readonly LinearSmoother[] _smoothers;

    public ParameterValues(ParameterRegistry registry)
    {
        Registry = registry;
        _smoothers = new LinearSmoother[registry.Count];
        for (int i = 0; i < registry.Count; i++) _smoothers[i].SetImmediate(registry[i].Default);
    }

    public ParameterRegistry Registry { get; }

    /// <summary>Incremented on every set so consumers can skip recomputing derived values.</summary>
    public int Version { get; private set; }

    public void Prepare(double sampleRate)
    {
        for (int i = 0; i < _smoothers.Length; i++)
            _smoothers[i].Configure((int)Math.Round(Registry[i].SmoothingMs * 0.001 * sampleRate));
    }

    /// <summary>Current (smoothed) plain value. Allocation-free.</summary>
    public float Get(int id) => _smoothers[Registry.IndexOf(id)].Value;

    public float GetTarget(int id) => _smoothers[Registry.IndexOf(id)].Target;

    public ref LinearSmoother Smoother(int id) => ref _smoothers[Registry.IndexOf(id)];

    /// <summary>Sets a plain value (clamped); it is reached through the parameter's smoothing ramp.</summary>
    public bool Set(int id, float plain)
    {
        int index = Registry.IndexOf(id);
        if (index < 0) return false;
        _smoothers[index].SetTarget(Registry[index].Clamp(plain));
        Version++;
        return true;
    }

    public void SetImmediate(int id, float plain)
    {
        int index = Registry.IndexOf(id);
        if (index < 0) return;
        _smoothers[index].SetImmediate(Registry[index].Clamp(plain));
        Version++;
    }

    public bool AnySmoothing
    {
        get
        {
            for (int i = 0; i < _smoothers.Length; i++) if (_smoothers[i].IsSmoothing) return true;
            return false;
        }
    }

    public void Advance(int samples)
    {
        for (int i = 0; i < _smoothers.Length; i++) _smoothers[i].Advance(samples);
    }

    /// <summary>Snaps every ramp to its target (used by Reset).</summary>
    public void Settle()
    {
        for (int i = 0; i < _smoothers.Length; i++) _smoothers[i].SetImmediate(_smoothers[i].Target);
    }

    /// <summary>A copy of all targets keyed by parameter key (for state and presets).</summary>
    public Dictionary<string, float> Snapshot()
    {
        var values = new Dictionary<string, float>(StringComparer.Ordinal);
        for (int i = 0; i < Registry.Count; i++) values[Registry[i].Key] = _smoothers[i].Target;
        return values;
    }
}
