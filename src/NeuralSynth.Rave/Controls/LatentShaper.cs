namespace NeuralSynth.Rave.Controls;

/// <summary>
/// Applies the latent controls between encoder and decoder, frame by frame on the worker. Continuous controls
/// are interpolated linearly across a chunk's frames from the previous chunk's snapshot, so automation is smooth
/// at latent rate; freeze and generate cross-fade over <see cref="SwitchFrames"/> frames.
/// <para>Per frame: source = live latent, blended toward the held (frozen) latent, blended toward the generated
/// latent (the prior's sample at the given temperature, or a unit-variance random walk when the model has no
/// prior); output = source × scale + bias + noise × N(0, 1); on a pitch dimension no noise, and the transpose in
/// semitones times the model's latent step per semitone is added. The prior is
/// fed the previous source frame every frame, so its state follows the input and generation starts from where the
/// input left off.</para>
/// </summary>
internal sealed class LatentShaper
{
    public const int SwitchFrames = 4;
    private const float WalkPole = 0.95f;

    private readonly int _latent, _pitchDimension;
    private readonly float _pitchPerSemitone;
    private readonly PriorRunner? _prior;
    private readonly ulong _seed;
    private readonly LatentControlFrame _previous = new();
    private readonly float[] _held, _source, _generated;
    private GaussianNoise _noise;
    private float _freezeAmount, _generateAmount;
    private bool _started, _heldValid;

    /// <param name="pitch">The latent dimension that carries pitch (no noise on it; transposed), or null.</param>
    public LatentShaper(int latentSize, PriorRunner? prior, ulong seed, Model.PitchLatent? pitch = null)
    {
        _latent = latentSize;
        _pitchDimension = pitch?.Dimension ?? -1;
        _pitchPerSemitone = pitch?.PerSemitone ?? 0f;
        _prior = prior;
        _seed = seed;
        _held = new float[latentSize];
        _source = new float[latentSize];
        _generated = new float[latentSize];
        _noise = new GaussianNoise(seed);
    }

    public bool UsesPrior => _prior != null;

    public void Reset()
    {
        Array.Clear(_held);
        Array.Clear(_source);
        Array.Clear(_generated);
        _freezeAmount = _generateAmount = 0;
        _noise.Reseed(_seed);
        _prior?.Reset();
        _started = _heldValid = false;
    }

    /// <param name="z">Encoder output, [latent, frames].</param>
    /// <param name="output">Decoder input, [latent, frames].</param>
    public void Apply(ReadOnlySpan<float> z, Span<float> output, int frames, LatentControlFrame controls)
    {
        if (!_started)
        {
            _previous.CopyFrom(controls); // the first chunk has no earlier snapshot to ramp from
            _freezeAmount = controls.Freeze;
            _generateAmount = controls.Generate;
            _started = true;
        }
        for (int j = 0; j < frames; j++)
        {
            float f = (j + 1f) / frames;
            float temperature = Lerp(_previous.Temperature, controls.Temperature, f);
            float noise = Lerp(_previous.Noise, controls.Noise, f);
            float transpose = Lerp(_previous.Transpose, controls.Transpose, f) * _pitchPerSemitone;
            _freezeAmount = Toward(_freezeAmount, controls.Freeze);
            _generateAmount = Toward(_generateAmount, controls.Generate);
            if (_generateAmount > 0 || _prior != null) Generate(temperature);
            for (int d = 0; d < _latent; d++)
            {
                float live = z[d * frames + j];
                if (_freezeAmount == 0 || !_heldValid) _held[d] = live; // frozen from the start holds the first frame
                float source = Lerp(Lerp(live, _held[d], _freezeAmount), _generated[d], _generateAmount);
                _source[d] = source;
                float scale = 1f, bias = 0f;
                if (d < RaveParameters.ControlledDimensions)
                {
                    scale = Lerp(_previous.Scale[d], controls.Scale[d], f);
                    bias = Lerp(_previous.Bias[d], controls.Bias[d], f);
                }
                float value = source * scale + bias;
                if (d == _pitchDimension) value += transpose;
                else if (noise > 0) value += noise * _noise.Next();
                output[d * frames + j] = value;
            }
            _heldValid = true;
        }
        _previous.CopyFrom(controls);
    }

    private void Generate(float temperature)
    {
        if (_prior != null)
        {
            _prior.Step(_source, out var mean, out var logStd);
            for (int d = 0; d < _latent; d++) _generated[d] = mean[d] + temperature * MathF.Exp(logStd[d]) * _noise.Next();
            return;
        }
        // No prior: an AR(1) walk with unit stationary variance (times temperature), the VAE prior's scale.
        float innovation = MathF.Sqrt(1 - WalkPole * WalkPole) * temperature;
        for (int d = 0; d < _latent; d++) _generated[d] = WalkPole * _generated[d] + innovation * _noise.Next();
    }

    private static float Toward(float value, float target)
    {
        const float step = 1f / SwitchFrames;
        return value < target ? MathF.Min(target, value + step) : MathF.Max(target, value - step);
    }

    // Exact at both ends (t = 0 gives a, t = 1 gives b), so a full freeze or full generation is bit-exact.
    private static float Lerp(float a, float b, float t) => a * (1 - t) + b * t;
}
