using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Resampling;

/// <summary>
/// Prepares a network for the host's rate: run directly when the rates match (half a hertz of tolerance for
/// hosts that report 44099.99), otherwise inside a <see cref="ResampledModel"/> whose converters add latency.
/// </summary>
internal static class HostRateRunner
{
    public static (INeuralModel Runner, int LatencySamples) Prepare(INeuralModel network, double hostRate, int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        if (Math.Abs(hostRate - network.SampleRate) < 0.5)
        {
            network.Prepare(maxBlockSize);
            return (network, 0);
        }
        var resampled = new ResampledModel(network, (int)Math.Round(hostRate), maxBlockSize);
        return (resampled, resampled.LatencySamples);
    }
}
