using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>A loaded .nam file: the runnable network plus what the file says about it.</summary>
public sealed class NamModel
{
    internal NamModel(string sourceName, string version, string architecture, double sampleRate,
        NamMetadata metadata, int weightCount, INeuralModel network)
    {
        SourceName = sourceName;
        Version = version;
        Architecture = architecture;
        SampleRate = sampleRate;
        Metadata = metadata;
        WeightCount = weightCount;
        Network = network;
    }

    public string SourceName { get; }
    public string Version { get; }

    /// <summary>"WaveNet", "LSTM", "ConvNet", "Linear" or "SlimmableContainer".</summary>
    public string Architecture { get; }

    /// <summary>The rate the model was trained at ("sample_rate", 48000 when the file omits it).</summary>
    public double SampleRate { get; }

    public NamMetadata Metadata { get; }
    public int WeightCount { get; }
    public INeuralModel Network { get; }
}
