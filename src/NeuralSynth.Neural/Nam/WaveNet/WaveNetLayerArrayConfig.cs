namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// One entry of a WaveNet .nam file's <c>config.layers</c> list. Format 0.5 files fill the per-layer lists
/// with one repeated value, a bottleneck equal to the channels, an active ungrouped layer 1x1, no head 1x1,
/// no FiLM and a 1-tap head rechannel.
/// </summary>
public sealed record WaveNetLayerArrayConfig(
    int InputSize,
    int ConditionSize,
    int HeadSize,
    int Channels,
    int Bottleneck,
    int[] KernelSizes,
    int[] Dilations,
    NamActivation[] Activations,
    GatingMode[] GatingModes,
    NamActivation[] SecondaryActivations,
    int HeadKernelSize,
    int HeadDilation,
    bool HeadBias,
    int GroupsInput,
    int GroupsInputMixin,
    bool Layer1x1Active,
    int Layer1x1Groups,
    bool Head1x1Active,
    int Head1x1OutChannels,
    int Head1x1Groups,
    LayerFilms Films)
{
    public int LayerCount => Dilations.Length;

    /// <summary>Rows the dilated convolution of layer <paramref name="layer"/> produces: doubled when gated or blended.</summary>
    public int ConvOutputs(int layer) => GatingModes[layer] == GatingMode.None ? Bottleneck : 2 * Bottleneck;

    /// <summary>Largest <see cref="ConvOutputs"/> over the layers.</summary>
    public int MaxConvOutputs => GatingModes.Any(g => g != GatingMode.None) ? 2 * Bottleneck : Bottleneck;

    /// <summary>Rows each layer adds to the head accumulator: the head 1x1's outputs, else the activated bottleneck.</summary>
    public int HeadInputSize => Head1x1Active ? Head1x1OutChannels : Bottleneck;

    /// <summary>Past columns the head rechannel conv reads.</summary>
    public int HeadLookback => HeadDilation * (HeadKernelSize - 1);

    /// <summary>Weights of layer <paramref name="layer"/> in file order: conv (+bias), mixin, layer 1x1, head 1x1, FiLMs.</summary>
    public long WeightsOfLayer(int layer)
    {
        int z = ConvOutputs(layer);
        long total = (long)z * Channels * KernelSizes[layer] / GroupsInput + z;
        total += (long)z * ConditionSize / GroupsInputMixin;
        if (Layer1x1Active) total += (long)Channels * Bottleneck / Layer1x1Groups + Channels;
        if (Head1x1Active) total += (long)Head1x1OutChannels * Bottleneck / Head1x1Groups + Head1x1OutChannels;
        total += Films.ConvPre.WeightCount(ConditionSize, Channels);
        total += Films.ConvPost.WeightCount(ConditionSize, z);
        total += Films.InputMixinPre.WeightCount(ConditionSize, ConditionSize);
        total += Films.InputMixinPost.WeightCount(ConditionSize, z);
        total += Films.ActivationPre.WeightCount(ConditionSize, z);
        total += Films.ActivationPost.WeightCount(ConditionSize, Bottleneck);
        total += Films.Layer1x1Post.WeightCount(ConditionSize, Channels);
        total += Films.Head1x1Post.WeightCount(ConditionSize, Head1x1OutChannels);
        return total;
    }

    /// <summary>Rechannel + layers + head rechannel, in file order.</summary>
    public long WeightCount()
    {
        long total = (long)InputSize * Channels;
        for (int l = 0; l < LayerCount; l++) total += WeightsOfLayer(l);
        total += (long)HeadInputSize * HeadSize * HeadKernelSize + (HeadBias ? HeadSize : 0);
        return total;
    }

    /// <summary>Past samples the whole array looks at (layers and head rechannel).</summary>
    public long ReceptiveField()
    {
        long total = HeadLookback;
        for (int l = 0; l < LayerCount; l++) total += (long)Dilations[l] * (KernelSizes[l] - 1);
        return total;
    }
}
