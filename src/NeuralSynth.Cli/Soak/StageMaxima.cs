namespace NeuralSynth.Cli.Soak;

/// <summary>
/// The largest CPU time of each stage of the soak's chain (sound source with its generator and listener, effect, second
/// effect), as a fraction of the block period: where a spike comes from, when one does. Blocks in which the JIT
/// compiled code are left out (the NativeAOT plug-in has no JIT), and so are blocks a collection interrupted and
/// blocks charged more CPU than wall time (<see cref="SlowBlockCauses.IsClockAhead"/>).
/// </summary>
public sealed class StageMaxima
{
    public double Source { get; private set; }
    public double Effect { get; private set; }
    public double SecondEffect { get; private set; }

    /// <param name="excluded">JIT compilation, a collection or a clock anomaly during the block.</param>
    public void Add(double source, double effect, double secondEffect, bool excluded)
    {
        if (excluded) return;
        Source = Math.Max(Source, source);
        Effect = Math.Max(Effect, effect);
        SecondEffect = Math.Max(SecondEffect, secondEffect);
    }

    public void Clear() => Source = Effect = SecondEffect = 0;
}
