namespace NeuralSynth.Rave.Realtime;

/// <summary>What the output becomes while the worker is late: the latency-aligned dry input, or silence.</summary>
public enum OverrunFallback { Dry, Silence }

public sealed record RaveProcessorOptions
{
    /// <summary>Samples per model call; 0 picks the manifest's first chunk size. Must be a multiple of the compression ratio.</summary>
    public int ChunkSize { get; init; }

    public OverrunFallback Fallback { get; init; } = OverrunFallback.Dry;

    /// <summary>
    /// Offline rendering only: the caller waits for each chunk instead of treating a late worker as an overrun, so
    /// a render faster (or slower) than real time is still exact. Never set this for a live audio callback.
    /// </summary>
    public bool WaitForWorker { get; init; }

    /// <summary>Seed of the latent noise and the prior's sampling (renders are reproducible per seed).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Length of the crossfade to the fallback on an overrun (and back), in samples; capped at half a chunk.</summary>
    public int FadeSamples { get; init; } = 64;
}
