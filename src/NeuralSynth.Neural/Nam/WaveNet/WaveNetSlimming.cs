namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// Format 0.7 "slimmable" WaveNets (method slice_channels_uniform): a size 0..1 picks, per slimmable layer
/// array, an entry of its allowed channel counts (index ⌊size·count⌋, capped at the last), and the slimmed
/// network keeps the leading rows and columns of every weight matrix. Matches NeuralAmpModelerCore's
/// SlimmableWavenet, which only slims ungrouped arrays with a 1-tap head rechannel.
/// </summary>
internal static class WaveNetSlimming
{
    /// <summary>Channel count of each array at <paramref name="size"/> (non-slimmable arrays keep theirs).</summary>
    public static void ChannelsAt(double size, WaveNetLayerArrayConfig[] arrays, int[]?[] allowed, Span<int> channels)
    {
        for (int a = 0; a < arrays.Length; a++)
        {
            if (allowed[a] is not { } list) { channels[a] = arrays[a].Channels; continue; }
            int index = Math.Min((int)Math.Floor(size * list.Length), list.Length - 1);
            channels[a] = list[Math.Max(index, 0)];
        }
    }

    /// <summary>Every distinct channel assignment a size in 0..1 can select, smallest first.</summary>
    public static List<int[]> Variants(WaveNetLayerArrayConfig[] arrays, int[]?[] allowed)
    {
        var sizes = new SortedSet<double> { 0, 1 };
        foreach (var list in allowed)
            if (list is not null) for (int i = 1; i < list.Length; i++) sizes.Add((double)i / list.Length);
        var variants = new List<int[]>();
        foreach (double size in sizes)
        {
            var channels = new int[arrays.Length];
            ChannelsAt(size, arrays, allowed, channels);
            if (!variants.Any(v => v.AsSpan().SequenceEqual(channels))) variants.Add(channels);
        }
        return variants;
    }

    /// <summary>Checks the parts of a slimmable config NeuralAmpModelerCore can slim; returns the problem or null.</summary>
    public static string? Unsupported(WaveNetLayerArrayConfig c) =>
        c.HeadKernelSize != 1 ? "head kernel_size must be 1 to slim"
        : c.GroupsInput != 1 || c.GroupsInputMixin != 1 || (c.Layer1x1Active && c.Layer1x1Groups != 1) || (c.Head1x1Active && c.Head1x1Groups != 1)
            ? "grouped convolutions cannot be slimmed"
        : c.Activations.Concat(c.SecondaryActivations).Any(a => a.Shape == NamActivationShape.PReLU && a.Slopes.Count > 1)
            ? "per-channel PReLU slopes cannot be slimmed"
        : null;

    /// <summary>The configs of the network slimmed to <paramref name="channels"/>.</summary>
    public static WaveNetLayerArrayConfig[] Configs(WaveNetLayerArrayConfig[] full, int[] channels)
    {
        var result = new WaveNetLayerArrayConfig[full.Length];
        for (int a = 0; a < full.Length; a++)
        {
            result[a] = full[a] with
            {
                Channels = channels[a],
                Bottleneck = Bottleneck(full[a], channels[a]),
                InputSize = a == 0 ? full[a].InputSize : channels[a - 1],
                HeadSize = a < full.Length - 1 ? channels[a + 1] : full[a].HeadSize,
            };
        }
        return result;
    }

    /// <summary>The slimmed network's weights: the leading block of each full matrix, in file order.</summary>
    public static float[] Weights(WaveNetLayerArrayConfig[] full, WaveNetLayerArrayConfig[] slim, float[] weights)
    {
        var cursor = new WeightCursor(weights);
        var output = new List<float>();
        for (int a = 0; a < full.Length; a++)
        {
            var f = full[a];
            var s = slim[a];
            Take(f.Channels, f.InputSize, s.Channels, s.InputSize, 1, false);
            for (int l = 0; l < f.LayerCount; l++)
            {
                int fz = f.ConvOutputs(l), sz = s.ConvOutputs(l);
                Take(fz, f.Channels, sz, s.Channels, f.KernelSizes[l], true);
                Take(fz, f.ConditionSize, sz, s.ConditionSize, 1, false);
                if (f.Layer1x1Active) Take(f.Channels, f.Bottleneck, s.Channels, s.Bottleneck, 1, true);
                if (f.Head1x1Active) Take(f.Head1x1OutChannels, f.Bottleneck, s.Head1x1OutChannels, s.Bottleneck, 1, true);
                Film(f.Films.ConvPre, f.Channels, s.Channels);
                Film(f.Films.ConvPost, fz, sz);
                Film(f.Films.InputMixinPre, f.ConditionSize, s.ConditionSize);
                Film(f.Films.InputMixinPost, fz, sz);
                Film(f.Films.ActivationPre, fz, sz);
                Film(f.Films.ActivationPost, f.Bottleneck, s.Bottleneck);
                if (f.Layer1x1Active) Film(f.Films.Layer1x1Post, f.Channels, s.Channels);
                if (f.Head1x1Active) Film(f.Films.Head1x1Post, f.Head1x1OutChannels, s.Head1x1OutChannels);
            }
            Take(f.HeadSize, f.HeadInputSize, s.HeadSize, s.HeadInputSize, 1, f.HeadBias);

            void Film(FilmConfig film, int fullChannels, int slimChannels)
            {
                if (film.Active) Take(film.Outputs(fullChannels), f.ConditionSize, film.Outputs(slimChannels), f.ConditionSize, 1, true);
            }
        }
        output.Add(cursor.Next()); // head scale
        if (cursor.Remaining != 0) throw new InvalidOperationException("weight count was validated before slimming");
        return output.ToArray();

        // Full layout [out][in][tap] then bias[out]; keep out < slimOut, in < slimIn.
        void Take(int fullOut, int fullIn, int slimOut, int slimIn, int taps, bool bias)
        {
            for (int o = 0; o < fullOut; o++)
                for (int i = 0; i < fullIn; i++)
                    for (int k = 0; k < taps; k++)
                    {
                        float w = cursor.Next();
                        if (o < slimOut && i < slimIn) output.Add(w);
                    }
            if (!bias) return;
            for (int o = 0; o < fullOut; o++)
            {
                float b = cursor.Next();
                if (o < slimOut) output.Add(b);
            }
        }
    }

    private static int Bottleneck(WaveNetLayerArrayConfig c, int channels) =>
        c.Layer1x1Active ? Math.Max(1, c.Bottleneck * channels / c.Channels) : channels;
}
