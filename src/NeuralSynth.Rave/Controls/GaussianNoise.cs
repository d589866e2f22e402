namespace NeuralSynth.Rave.Controls;

/// <summary>Seeded standard-normal generator (xorshift64* + Box–Muller): allocation-free and reproducible,
/// so offline renders with noise or generation are deterministic.</summary>
internal struct GaussianNoise
{
    private ulong _state;
    private float _spare;
    private bool _hasSpare;

    public GaussianNoise(ulong seed) => Reseed(seed);

    public void Reseed(ulong seed)
    {
        _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        _hasSpare = false;
    }

    public float Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        double u1 = Uniform(), u2 = Uniform();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = (float)(radius * Math.Sin(2 * Math.PI * u2));
        _hasSpare = true;
        return (float)(radius * Math.Cos(2 * Math.PI * u2));
    }

    // In (0, 1]: never 0, so the logarithm is finite.
    private double Uniform()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return ((_state * 2685821657736338717UL) >> 11) * (1.0 / (1UL << 53)) + 1.0 / (1UL << 54);
    }
}
