using System.Text.Json;
using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Nam.WaveNet;

/// <summary>
/// Reads and checks the <c>config.layers</c> list of a WaveNet .nam file, formats 0.5 to 0.7: legacy fields
/// (<c>kernel_size</c>, <c>head_size</c>, <c>gated</c>) and their 0.6 forms (<c>kernel_sizes</c>, <c>head</c>,
/// <c>gating_mode</c>, per-layer activation lists, bottleneck, groups, layer/head 1x1, FiLM, <c>slimmable</c>).
/// Defaults and consistency rules are NeuralAmpModelerCore's; anything else is an error naming the field.
/// </summary>
internal static class WaveNetConfigReader
{
    public const string SlimMethod = "slice_channels_uniform";

    private static readonly string[] FilmFields =
    [
        "conv_pre_film", "conv_post_film", "input_mixin_pre_film", "input_mixin_post_film",
        "activation_pre_film", "activation_post_film", "layer1x1_post_film", "head1x1_post_film",
    ];

    /// <summary>The layer arrays, plus per array the channel counts it may be slimmed to (null: not slimmable).</summary>
    public static (WaveNetLayerArrayConfig[] Arrays, int[]?[] AllowedChannels) Read(JsonReader config, int conditionSize)
    {
        var layers = config.Array("layers");
        if (layers.Length is < 1 or > NamLimits.MaxLayerArrays)
            throw config.Error("layers", $"must list 1..{NamLimits.MaxLayerArrays} layer arrays");
        var arrays = new WaveNetLayerArrayConfig[layers.Length];
        var allowed = new int[]?[layers.Length];
        long totalLayers = 0, receptiveField = 0;
        for (int a = 0; a < arrays.Length; a++)
        {
            var l = layers[a];
            (arrays[a], allowed[a]) = ReadArray(l, conditionSize);
            totalLayers += arrays[a].LayerCount;
            receptiveField += arrays[a].ReceptiveField();

            if (a == 0 && arrays[a].InputSize != 1) throw l.Error("input_size", "of the first layer array must be 1 (mono audio)");
            if (a > 0 && arrays[a].InputSize != arrays[a - 1].Channels)
                throw l.Error("input_size", $"must equal the previous array's channels ({arrays[a - 1].Channels})");
            if (a > 0 && arrays[a].Channels != arrays[a - 1].HeadSize)
                throw l.Error("channels", $"must equal the previous array's head size ({arrays[a - 1].HeadSize})");
            if (a > 0 && arrays[a].HeadInputSize != arrays[a - 1].HeadSize)
                throw l.Error("bottleneck", $"(or head1x1.out_channels) must equal the previous array's head size ({arrays[a - 1].HeadSize}), which seeds this array's head");
        }
        if (totalLayers > NamLimits.MaxLayers) throw config.Error("layers", $"has {totalLayers} layers, more than {NamLimits.MaxLayers}");
        if (receptiveField > NamLimits.MaxReceptiveField) throw config.Error("layers", "receptive field is too large");
        return (arrays, allowed);
    }

    private static (WaveNetLayerArrayConfig, int[]?) ReadArray(JsonReader l, int conditionSize)
    {
        l.OnlyKnownFields(["input_size", "condition_size", "head_size", "head_bias", "head", "channels", "bottleneck",
            "kernel_size", "kernel_sizes", "dilations", "activation", "gated", "gating_mode", "secondary_activation",
            "groups_input", "groups_input_mixin", "layer1x1", "head1x1", "slimmable", .. FilmFields]);
        int channels = l.Int("channels", 1, NamLimits.MaxChannels);
        int bottleneck = l.IntOr("bottleneck", channels, 1, NamLimits.MaxChannels);
        int inputSize = l.Int("input_size", 1, NamLimits.MaxChannels);
        int condition = l.Int("condition_size", 1, NamLimits.MaxChannels);
        if (condition != conditionSize)
            throw l.Error("condition_size", $"must be {conditionSize} (the {(conditionSize == 1 ? "mono input" : "condition DSP's output channels")})");

        var dilationList = l.Array("dilations");
        int n = dilationList.Length;
        if (n is < 1 or > NamLimits.MaxLayers) throw l.Error("dilations", $"must have 1..{NamLimits.MaxLayers} entries");
        var dilations = new int[n];
        for (int i = 0; i < n; i++) dilations[i] = dilationList[i].AsInt(1, NamLimits.MaxDilation);

        var kernelSizes = ReadKernelSizes(l, n);
        var activations = ReadActivations(l, n);
        var (gating, secondary) = ReadGating(l, n);
        var (headSize, headKernel, headDilation, headBias) = ReadHead(l);

        int groupsInput = l.IntOr("groups_input", 1, 1, NamLimits.MaxChannels);
        int groupsMixin = l.IntOr("groups_input_mixin", 1, 1, NamLimits.MaxChannels);
        bool layer1x1 = true;
        int layer1x1Groups = 1;
        if (l.Has("layer1x1"))
        {
            var o = l.Object("layer1x1");
            o.OnlyKnownFields("active", "groups");
            layer1x1 = o.Bool("active");
            layer1x1Groups = o.Int("groups", 1, NamLimits.MaxChannels);
        }
        bool head1x1 = false;
        int head1x1Out = channels, head1x1Groups = 1;
        if (l.Has("head1x1"))
        {
            var o = l.Object("head1x1");
            o.OnlyKnownFields("active", "out_channels", "groups");
            head1x1 = o.Bool("active");
            head1x1Out = o.Int("out_channels", 1, NamLimits.MaxChannels);
            head1x1Groups = o.Int("groups", 1, NamLimits.MaxChannels);
        }
        var film = FilmFields.Select(f => ReadFilm(l, f)).ToArray();
        var films = new LayerFilms(film[0], film[1], film[2], film[3], film[4], film[5], film[6], film[7]);

        var config = new WaveNetLayerArrayConfig(inputSize, condition, headSize, channels, bottleneck, kernelSizes, dilations,
            activations, gating, secondary, headKernel, headDilation, headBias, groupsInput, groupsMixin,
            layer1x1, layer1x1Groups, head1x1, head1x1Out, head1x1Groups, films);
        Check(l, config);
        return (config, ReadSlimmable(l, channels));
    }

    private static int[] ReadKernelSizes(JsonReader l, int layers)
    {
        bool single = l.Has("kernel_size"), list = l.Has("kernel_sizes");
        if (single == list) throw l.Error("kernel_size", "or kernel_sizes (one per layer) must be given, not both");
        if (single) return Enumerable.Repeat(l.Int("kernel_size", 1, NamLimits.MaxKernelSize), layers).ToArray();
        var sizes = l.Array("kernel_sizes");
        if (sizes.Length != layers) throw l.Error("kernel_sizes", $"must have one entry per dilation ({layers})");
        return Enumerable.Range(0, layers).Select(i => sizes[i].AsInt(1, NamLimits.MaxKernelSize)).ToArray();
    }

    private static NamActivation[] ReadActivations(JsonReader l, int layers)
    {
        var value = l.Value("activation");
        if (value.Kind != JsonValueKind.Array) return Enumerable.Repeat(NamActivationReader.Read(value), layers).ToArray();
        if (value.Length != layers) throw l.Error("activation", $"must have one entry per dilation ({layers})");
        return Enumerable.Range(0, layers).Select(i => NamActivationReader.Read(value[i])).ToArray();
    }

    private static (GatingMode[], NamActivation[]) ReadGating(JsonReader l, int layers)
    {
        var modes = new GatingMode[layers];
        var secondary = new NamActivation[layers];
        if (l.Has("gating_mode"))
        {
            var value = l.Value("gating_mode");
            if (value.Kind == JsonValueKind.Array && value.Length != layers)
                throw l.Error("gating_mode", $"must have one entry per dilation ({layers})");
            for (int i = 0; i < layers; i++)
                modes[i] = value.Kind == JsonValueKind.Array ? Mode(value[i]) : Mode(value);
        }
        else if (l.BoolOr("gated", false))
        {
            Array.Fill(modes, GatingMode.Gated);
        }
        // A secondary activation only matters for gated or blended layers; sigmoid when the file names none.
        JsonReader? secondaryValue = l.Has("secondary_activation") ? l.Value("secondary_activation") : null;
        if (secondaryValue is { Kind: JsonValueKind.Array } list && list.Length != layers)
            throw l.Error("secondary_activation", $"must have one entry per dilation ({layers})");
        for (int i = 0; i < layers; i++)
        {
            if (modes[i] == GatingMode.None) { secondary[i] = NamActivation.Identity; continue; }
            var entry = secondaryValue is { Kind: JsonValueKind.Array } all ? all[i] : secondaryValue;
            secondary[i] = entry is { } e && e.Kind != JsonValueKind.Null
                ? NamActivationReader.Read(e)
                : NamActivation.Standard(ActivationKind.Sigmoid);
        }
        return (modes, secondary);

        static GatingMode Mode(JsonReader value) => value.AsString() switch
        {
            "none" => GatingMode.None,
            "gated" => GatingMode.Gated,
            "blended" => GatingMode.Blended,
            var other => throw value.Error($"'{other}' is not a gating mode (none, gated, blended)"),
        };
    }

    private static (int Size, int Kernel, int Dilation, bool Bias) ReadHead(JsonReader l)
    {
        if (l.Has("head"))
        {
            var head = l.Object("head");
            head.OnlyKnownFields("out_channels", "kernel_size", "bias", "head_dilation");
            return (head.Int("out_channels", 1, NamLimits.MaxChannels), head.Int("kernel_size", 1, NamLimits.MaxKernelSize),
                head.IntOr("head_dilation", 1, 1, NamLimits.MaxDilation), head.Bool("bias"));
        }
        return (l.Int("head_size", 1, NamLimits.MaxChannels), 1, 1, l.Bool("head_bias"));
    }

    private static FilmConfig ReadFilm(JsonReader l, string field)
    {
        if (!l.Has(field)) return FilmConfig.Off;
        var value = l.Value(field);
        if (value.Kind == JsonValueKind.False) return FilmConfig.Off;
        if (value.Kind != JsonValueKind.Object) throw l.Error(field, "must be false or an object {active, shift, groups}");
        value.OnlyKnownFields("active", "shift", "groups");
        var film = new FilmConfig(value.BoolOr("active", true), value.BoolOr("shift", true), value.IntOr("groups", 1, 1, NamLimits.MaxChannels));
        return film.Active ? film : FilmConfig.Off;
    }

    private static int[]? ReadSlimmable(JsonReader l, int channels)
    {
        if (!l.Has("slimmable")) return null;
        var slim = l.Object("slimmable");
        slim.OnlyKnownFields("method", "kwargs");
        string method = slim.String("method");
        if (method != SlimMethod) throw slim.Error("method", $"'{method}' is not supported ({SlimMethod} is)");
        int[] allowed;
        if (slim.Has("kwargs") && slim.Object("kwargs").Has("allowed_channels"))
        {
            var kwargs = slim.Object("kwargs");
            kwargs.OnlyKnownFields("allowed_channels");
            var list = kwargs.Array("allowed_channels");
            if (list.Length is < 1 or > NamLimits.MaxSlimVariants)
                throw kwargs.Error("allowed_channels", $"must list 1..{NamLimits.MaxSlimVariants} channel counts");
            allowed = Enumerable.Range(0, list.Length).Select(i => list[i].AsInt(1, NamLimits.MaxChannels)).ToArray();
        }
        else
        {
            if (channels > NamLimits.MaxSlimVariants)
                throw slim.Error("kwargs", $"must list allowed_channels when channels exceed {NamLimits.MaxSlimVariants}");
            allowed = Enumerable.Range(1, channels).ToArray();
        }
        for (int i = 1; i < allowed.Length; i++)
            if (allowed[i] <= allowed[i - 1]) throw slim.Error("kwargs", "allowed_channels must be strictly ascending");
        if (allowed[^1] != channels) throw slim.Error("kwargs", $"allowed_channels must end with the full channel count ({channels})");
        return allowed;
    }

    private static void Check(JsonReader l, WaveNetLayerArrayConfig c)
    {
        if (!c.Layer1x1Active && c.Bottleneck != c.Channels)
            throw l.Error("bottleneck", "must equal channels when layer1x1 is inactive");
        if (c.Films.Layer1x1Post.Active && !c.Layer1x1Active)
            throw l.Error("layer1x1_post_film", "cannot be active when layer1x1 is inactive");
        if (c.Films.Head1x1Post.Active && !c.Head1x1Active)
            throw l.Error("head1x1_post_film", "cannot be active when head1x1 is inactive");
        Divides("groups_input", c.GroupsInput, c.Channels, c.MaxConvOutputs);
        for (int i = 0; i < c.LayerCount; i++) Divides("groups_input", c.GroupsInput, c.Channels, c.ConvOutputs(i));
        for (int i = 0; i < c.LayerCount; i++) Divides("groups_input_mixin", c.GroupsInputMixin, c.ConditionSize, c.ConvOutputs(i));
        if (c.Layer1x1Active) Divides("layer1x1", c.Layer1x1Groups, c.Bottleneck, c.Channels);
        if (c.Head1x1Active) Divides("head1x1", c.Head1x1Groups, c.Bottleneck, c.Head1x1OutChannels);
        var f = c.Films;
        Film("conv_pre_film", f.ConvPre, c.Channels);
        for (int i = 0; i < c.LayerCount; i++)
        {
            Film("conv_post_film", f.ConvPost, c.ConvOutputs(i));
            Film("input_mixin_post_film", f.InputMixinPost, c.ConvOutputs(i));
            Film("activation_pre_film", f.ActivationPre, c.ConvOutputs(i));
        }
        Film("input_mixin_pre_film", f.InputMixinPre, c.ConditionSize);
        Film("activation_post_film", f.ActivationPost, c.Bottleneck);
        Film("layer1x1_post_film", f.Layer1x1Post, c.Channels);
        Film("head1x1_post_film", f.Head1x1Post, c.Head1x1OutChannels);
        for (int i = 0; i < c.LayerCount; i++)
        {
            foreach (var activation in new[] { c.Activations[i], c.SecondaryActivations[i] })
                if (activation.Shape == NamActivationShape.PReLU && activation.Slopes.Count != 1 && activation.Slopes.Count != c.Bottleneck)
                    throw l.Error("activation", $"PReLU of layer {i} has {activation.Slopes.Count} slopes but the layer has {c.Bottleneck} channels");
        }

        void Divides(string field, int groups, int inputs, int outputs)
        {
            if (inputs % groups != 0 || outputs % groups != 0)
                throw l.Error(field, $"groups ({groups}) must divide both {inputs} inputs and {outputs} outputs");
        }

        void Film(string field, FilmConfig film, int channels)
        {
            if (film.Active) Divides(field, film.Groups, c.ConditionSize, film.Outputs(channels));
        }
    }
}
