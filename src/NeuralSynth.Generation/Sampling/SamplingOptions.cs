namespace NeuralSynth.Generation.Sampling;

/// <summary>How the next token is drawn from the (masked) logits.</summary>
/// <param name="Temperature">Divides the logits; 0 means greedy.</param>
/// <param name="TopK">Keep only the k most likely tokens (0 = off).</param>
/// <param name="TopP">Keep the smallest set whose probability reaches p (1 = off).</param>
internal sealed record SamplingOptions(float Temperature = 0.9f, int TopK = 0, float TopP = 0.95f)
{
    public static SamplingOptions Default { get; } = new();
}
