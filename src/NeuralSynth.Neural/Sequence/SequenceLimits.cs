namespace NeuralSynth.Neural.Sequence;

/// <summary>Bounds for untrusted GuitarML / RTNeural files (far above published models).</summary>
internal static class SequenceLimits
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const int MaxInputSize = 16;
    public const int MaxWidth = 1024;
    public const int MaxLayers = 64;
    public const int MaxKernelSize = 64;
    public const int MaxDilation = 4096;
}
