namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// What a WaveNet layer does with its doubled conv output (format 0.6 "gating_mode"; the older boolean
/// "gated" means <see cref="Gated"/> with a sigmoid gate).
/// </summary>
public enum GatingMode
{
    /// <summary>The conv output (bottleneck rows) goes straight through the activation.</summary>
    None,

    /// <summary>act(top) · secondary(bottom).</summary>
    Gated,

    /// <summary>α·act(top) + (1-α)·top with α = secondary(bottom): a learned mix of activated and raw.</summary>
    Blended,
}
