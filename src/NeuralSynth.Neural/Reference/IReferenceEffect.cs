namespace NeuralSynth.Neural.Reference;

/// <summary>
/// A plain DSP effect with normalized 0..1 knobs. These are the ground truth our knob-conditioned neural models
/// are trained on (models/fx/recipe renders its targets through them), so the C# code here is the only
/// definition of each effect: the recipe and the tests can never disagree about what "overdrive" means.
/// </summary>
public interface IReferenceEffect
{
    IReadOnlyList<string> KnobNames { get; }

    /// <summary>Sets knob <paramref name="index"/>, clamped to 0..1.</summary>
    void SetKnob(int index, float value);

    void Reset();

    /// <summary>Processes mono audio; <paramref name="output"/> may alias <paramref name="input"/>.</summary>
    void Process(ReadOnlySpan<float> input, Span<float> output);
}

/// <summary>Creates a reference effect by the name the recipe and manifests use.</summary>
public static class ReferenceEffects
{
    public static IReferenceEffect Create(string name, double sampleRate) => name switch
    {
        "overdrive" => new OverdriveDsp(sampleRate),
        "compressor" => new CompressorDsp(sampleRate),
        _ => throw new ArgumentException($"unknown reference effect '{name}' (overdrive, compressor)", nameof(name)),
    };
}
