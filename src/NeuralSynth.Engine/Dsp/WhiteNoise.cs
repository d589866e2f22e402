namespace NeuralSynth.Engine.Dsp;

/// <summary>Deterministic xorshift white noise in [-1, 1): same seed, same sound, whatever the block size.</summary>
internal struct WhiteNoise
{
    private uint _state;

    public WhiteNoise(uint seed) => _state = seed == 0 ? 0x9E3779B9u : seed;

    public float Next()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return (int)x * (1f / 2147483648f);
    }

    public void Fill(Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++) destination[i] = Next();
    }
}
