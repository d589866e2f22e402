namespace NeuralSynth.Rave.Model;

/// <summary>One cache tensor of a streaming graph: the left context of a causal convolution (or a recurrent
/// state), fed to <see cref="Input"/> and read back from <see cref="Output"/> after every chunk.</summary>
public sealed record StateTensor(string Input, string Output, long[] Shape)
{
    public long Elements => Shape.Aggregate(1L, (a, b) => a * b);
}

/// <summary>One ONNX graph of a model: its file (inside the model folder) and the names of its tensors.</summary>
public sealed record GraphSpec(string File, string Input, string Output, IReadOnlyList<StateTensor> States);

/// <summary>The optional prior: one latent step per call, a diagonal Gaussian over the next latent frame.</summary>
public sealed record PriorSpec(string File, string Input, string Mean, string LogStd, IReadOnlyList<StateTensor> States);

/// <summary>PQMF parameters; <see cref="OnHost"/> means the graphs take and return band signals and the host
/// runs the filter bank (in C#), otherwise the graphs take and return audio.</summary>
public sealed record PqmfSpec(int Bands, int Taps, double Cutoff, double Beta, bool OnHost);

/// <summary>
/// The latent dimension that carries the pitch (manifest <c>pitch_dimension</c>) and how far it moves per semitone
/// (<c>pitch_latent_per_semitone</c>; 1/12 in the recipe's models, whose pitch latent is (MIDI − 60) / 12). Latent
/// noise leaves it alone, because noise on it detunes instead of varying the timbre; transposing adds to it.
/// </summary>
public sealed record PitchLatent(int Dimension, float PerSemitone);

/// <summary>A parsed and range-checked manifest.json of a RAVE-style streaming model; <see cref="Pitch"/> is set for
/// models whose latent carries the pitch.</summary>
public sealed record RaveManifest(
    string Name,
    int SampleRate,
    int Channels,
    int CompressionRatio,
    int LatentSize,
    PqmfSpec? Pqmf,
    int ModelDelaySamples,
    IReadOnlyList<int> ChunkSizes,
    GraphSpec Encoder,
    GraphSpec Decoder,
    PriorSpec? Prior,
    string License,
    string Source,
    PitchLatent? Pitch = null)
{
    /// <summary>Channel count of the graphs' audio-side tensors (channels × bands when the host runs the PQMF).</summary>
    public int GraphChannels => Pqmf is { OnHost: true } p ? Channels * p.Bands : Channels;

    /// <summary>Time steps of the graphs' audio-side tensors per audio sample.</summary>
    public int GraphDecimation => Pqmf is { OnHost: true } p ? p.Bands : 1;

    public int DefaultChunkSize => ChunkSizes[0];
}
