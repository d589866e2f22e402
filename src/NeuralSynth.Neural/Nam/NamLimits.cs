namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Upper bounds applied to every untrusted model file before anything is allocated. They are far above any
/// published NAM model (the largest standard WaveNet has 16 channels, kernel 3, dilation 512, ~14k weights)
/// and low enough that a hostile file cannot make the loader allocate gigabytes or spin for minutes.
/// </summary>
internal static class NamLimits
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const int MaxWeights = 4_000_000;
    public const int MaxChannels = 256;
    public const int MaxKernelSize = 64;
    public const int MaxDilation = 65536;
    public const int MaxLayers = 512;
    public const int MaxLayerArrays = 16;
    public const int MaxReceptiveField = 1 << 20;
    public const int MaxLstmLayers = 16;

    /// <summary>Submodels of a SlimmableContainer (published ones have 2–3).</summary>
    public const int MaxSubmodels = 8;

    /// <summary>Distinct sizes a slimmable WaveNet may be built at; each is a full model held in memory.</summary>
    public const int MaxSlimVariants = 16;

    /// <summary>
    /// How deep models may nest (a container's submodel, a WaveNet's condition DSP): enough for a container
    /// of WaveNets with condition DSPs, bounded so a hostile file cannot recurse without end.
    /// </summary>
    public const int MaxNesting = 3;
    public const int MaxHiddenSize = 1024;
    public const double MinSampleRate = 8000;
    public const double MaxSampleRate = 768000;
}
