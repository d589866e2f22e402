namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// One FiLM (feature-wise linear modulation) site of a WaveNet layer: a 1x1 conv of the condition gives a
/// per-channel scale (and, with <see cref="Shift"/>, an offset) applied to the signal at that point.
/// </summary>
public sealed record FilmConfig(bool Active, bool Shift, int Groups)
{
    public static FilmConfig Off { get; } = new(false, false, 1);

    /// <summary>Rows of the condition-to-scale/shift conv for a signal of <paramref name="channels"/> rows.</summary>
    public int Outputs(int channels) => (Shift ? 2 : 1) * channels;

    /// <summary>Weights it consumes (grouped 1x1 conv plus bias), 0 when inactive.</summary>
    public long WeightCount(int conditionSize, int channels) =>
        Active ? (long)Outputs(channels) * conditionSize / Groups + Outputs(channels) : 0;
}
