using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>One entry of a WaveNet .nam file's <c>config.layers</c> list.</summary>
public sealed record WaveNetLayerArrayConfig(
    int InputSize,
    int ConditionSize,
    int HeadSize,
    int Channels,
    int KernelSize,
    int[] Dilations,
    ActivationKind Activation,
    bool Gated,
    bool HeadBias)
{
    /// <summary>Rows the dilated convolution produces: doubled when a sigmoid gate is used.</summary>
    public int ConvOutputs => Gated ? 2 * Channels : Channels;

    /// <summary>Weights per layer: dilated conv (+bias), input mixin, 1x1 (+bias).</summary>
    public long WeightsPerLayer() =>
        (long)ConvOutputs * Channels * KernelSize + ConvOutputs
        + (long)ConvOutputs * ConditionSize
        + (long)Channels * Channels + Channels;

    /// <summary>Rechannel + layers + head rechannel, in file order.</summary>
    public long WeightCount()
    {
        long total = (long)InputSize * Channels;
        total += Dilations.Length * WeightsPerLayer();
        total += (long)Channels * HeadSize + (HeadBias ? HeadSize : 0);
        return total;
    }

    /// <summary>Past samples the whole array looks at.</summary>
    public long ReceptiveField()
    {
        long total = 0;
        foreach (int d in Dilations) total += (long)d * (KernelSize - 1);
        return total;
    }
}
