using System.Text.Json;
using NeuralSynth.Neural.Activations;
using NeuralSynth.Neural.Models;
using NeuralSynth.Neural.Nam.WaveNet;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Reads Neural Amp Modeler .nam files (JSON). The file is untrusted: size, every dimension and the weight
/// count are bounded and checked before allocation, weights must be finite, and the weight count must equal
/// exactly what the configuration consumes. Anything not understood is an error, never silently ignored.
/// </summary>
public static class NamModelLoader
{
    /// <summary>Newest file format major version this runtime reads (NAM files are 0.x today).</summary>
    public const int SupportedMajorVersion = 0;

    public const double DefaultSampleRate = 48000;

    public static NamModel Load(string path) => Parse(ModelJsonFile.ReadBounded(path, NamLimits.MaxFileBytes), path);

    public static NamModel Parse(ReadOnlyMemory<byte> utf8Json, string sourceName) =>
        ModelJsonFile.Parse(utf8Json, sourceName, NamLimits.MaxFileBytes, Read);

    private static NamModel Read(JsonReader root)
    {
        var (version, architecture, sampleRate, weightCount, network) = ReadNetwork(root, 0);
        var metadata = root.Has("metadata") ? ReadMetadata(root.Object("metadata")) : NamMetadata.Empty;
        return new NamModel(root.File, version, architecture, sampleRate, metadata, weightCount, network);
    }

    /// <summary>
    /// Reads one model object (the file itself, a container's submodel or a condition DSP): version,
    /// architecture, sample rate, config and weights.
    /// </summary>
    private static (string Version, string Architecture, double SampleRate, int WeightCount, INeuralModel Network) ReadNetwork(
        JsonReader root, int depth, bool conditionDsp = false)
    {
        string version = root.String("version");
        CheckVersion(root, version);
        string architecture = root.String("architecture");
        double sampleRate = root.NumberOrNull("sample_rate") ?? DefaultSampleRate;
        if (sampleRate < NamLimits.MinSampleRate || sampleRate > NamLimits.MaxSampleRate)
            throw root.Error("sample_rate", $"must be between {NamLimits.MinSampleRate} and {NamLimits.MaxSampleRate} Hz");
        var config = root.Object("config");
        var weights = root.Array("weights").Floats(NamLimits.MaxWeights);

        INeuralModel network = architecture switch
        {
            "WaveNet" => ReadWaveNet(config, weights, sampleRate, root, depth, conditionDsp),
            "LSTM" => ReadLstm(config, weights, sampleRate, root),
            "ConvNet" => ReadConvNet(config, weights, sampleRate, root),
            "Linear" => ReadLinear(config, weights, sampleRate, root),
            "SlimmableContainer" => ReadContainer(config, weights, sampleRate, root, depth),
            _ => throw root.Error("architecture", $"'{architecture}' is not supported (WaveNet, LSTM, ConvNet, Linear, SlimmableContainer are)"),
        };
        int weightCount = architecture == "SlimmableContainer"
            ? SubmodelWeights(config) : weights.Length;
        return (version, architecture, sampleRate, weightCount, network);
    }

    private static int SubmodelWeights(JsonReader config)
    {
        var list = config.Array("submodels");
        int total = 0;
        for (int i = 0; i < list.Length; i++) total += list[i].Object("model").Array("weights").Length;
        return total;
    }

    private static void CheckVersion(JsonReader root, string version)
    {
        var parts = version.Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => int.TryParse(p, out int n) && n >= 0))
            throw root.Error("version", $"'{version}' is not a major.minor.patch version");
        if (int.Parse(parts[0]) > SupportedMajorVersion)
            throw root.Error("version", $"'{version}' is newer than this runtime supports ({SupportedMajorVersion}.x)");
    }

    private static void CheckWeightCount(JsonReader root, float[] weights, long expected)
    {
        if (weights.Length != expected)
            throw root.Error("weights", $"has {weights.Length} values but the config needs exactly {expected}");
    }

    private static ActivationKind ReadActivation(JsonReader reader, string field)
    {
        string name = reader.String(field);
        return Activation.FromNamName(name) ?? throw reader.Error(field, $"'{name}' is not a supported activation");
    }

    /// <summary>
    /// A SlimmableContainer (format 0.7): <c>submodels</c>, each a full model with the <c>max_value</c> up to
    /// which (exclusive) it is selected; the last covers the rest. The container has no weights of its own.
    /// </summary>
    private static SlimmableNetwork ReadContainer(JsonReader config, float[] weights, double sampleRate, JsonReader root, int depth)
    {
        config.OnlyKnownFields("submodels");
        if (weights.Length != 0) throw root.Error("weights", "must be empty for a SlimmableContainer (its submodels carry the weights)");
        if (depth >= NamLimits.MaxNesting) throw root.Error("architecture", "nests models too deeply");
        var list = config.Array("submodels");
        if (list.Length is < 1 or > NamLimits.MaxSubmodels)
            throw config.Error("submodels", $"must list 1..{NamLimits.MaxSubmodels} submodels");
        var networks = new INeuralModel[list.Length];
        var maxValues = new double[list.Length];
        for (int i = 0; i < list.Length; i++)
        {
            var entry = list[i];
            entry.OnlyKnownFields("max_value", "model");
            maxValues[i] = entry.NumberOrNull("max_value") ?? throw entry.Error("max_value", "is missing");
            if (i > 0 && maxValues[i] <= maxValues[i - 1]) throw entry.Error("max_value", "must be larger than the previous submodel's");
            var model = entry.Object("model");
            if (model.String("architecture") == "SlimmableContainer") throw model.Error("architecture", "a container cannot hold another container");
            var (_, _, rate, _, network) = ReadNetwork(model, depth + 1);
            if (rate != sampleRate) throw model.Error("sample_rate", $"is {rate} Hz but the container's is {sampleRate} Hz");
            networks[i] = network;
        }
        if (maxValues[^1] < 1.0) throw list[list.Length - 1].Error("max_value", "of the last submodel must be at least 1");
        // NAM: the first submodel whose max_value is above the size; the last one for anything larger.
        var breakpoints = maxValues[..^1];
        return new SlimmableNetwork(networks, size =>
        {
            for (int i = 0; i < breakpoints.Length; i++) if (size < breakpoints[i]) return i;
            return breakpoints.Length;
        }, breakpoints);
    }

    /// <param name="multiChannel">A condition DSP: its head may have several rows (the condition width).</param>
    private static INeuralModel ReadWaveNet(JsonReader config, float[] weights, double sampleRate, JsonReader root, int depth,
        bool multiChannel)
    {
        config.OnlyKnownFields("layers", "head", "head_scale", "condition_dsp", "in_channels");
        config.IntOr("in_channels", 1, 1, 1);
        if (config.Has("head")) throw config.Error("head", "(a post-stack head) is not supported");

        WaveNetModel? ConditionDsp()
        {
            if (!config.Has("condition_dsp")) return null;
            if (depth >= NamLimits.MaxNesting) throw config.Error("condition_dsp", "nests models too deeply");
            var dsp = config.Object("condition_dsp");
            var (_, architecture, rate, _, network) = ReadNetwork(dsp, depth + 1, conditionDsp: true);
            if (network is not WaveNetModel wavenet)
                throw dsp.Error("architecture", $"'{architecture}' is not supported as a condition DSP (WaveNet is)");
            if (rate != sampleRate) throw dsp.Error("sample_rate", $"is {rate} Hz but the model's is {sampleRate} Hz");
            return wavenet;
        }

        var conditionDsp = ConditionDsp();
        var (arrays, allowed) = WaveNetConfigReader.Read(config, conditionDsp?.OutputChannels ?? 1);
        var layers = config.Array("layers");
        if (!multiChannel && arrays[^1].HeadSize != 1) throw layers[arrays.Length - 1].Error("head_size", "of the last layer array must be 1 (mono output)");
        CheckWeightCount(root, weights, WaveNetModel.WeightCount(arrays));
        if (allowed.All(a => a is null)) return new WaveNetModel(arrays, weights, sampleRate, conditionDsp);

        for (int a = 0; a < arrays.Length; a++)
            if (allowed[a] is not null && WaveNetSlimming.Unsupported(arrays[a]) is { } problem)
                throw layers[a].Error("slimmable", problem);
        var variants = WaveNetSlimming.Variants(arrays, allowed);
        if (variants.Count > NamLimits.MaxSlimVariants)
            throw config.Error("layers", $"slimmable arrays give {variants.Count} sizes, more than {NamLimits.MaxSlimVariants}");
        var networks = new INeuralModel[variants.Count];
        for (int v = 0; v < variants.Count; v++)
        {
            var slim = WaveNetSlimming.Configs(arrays, variants[v]);
            // Each size gets its own condition DSP instance (they hold state), as NAM rebuilds one per size.
            networks[v] = new WaveNetModel(slim, WaveNetSlimming.Weights(arrays, slim, weights), sampleRate,
                v == variants.Count - 1 ? conditionDsp : ConditionDsp());
        }
        var breakpoints = allowed.Where(a => a is not null)
            .SelectMany(a => Enumerable.Range(1, a!.Length - 1).Select(i => (double)i / a.Length))
            .Distinct().Order().ToArray();
        var channels = new int[arrays.Length];
        return new SlimmableNetwork(networks, size =>
        {
            WaveNetSlimming.ChannelsAt(size, arrays, allowed, channels);
            for (int v = 0; v < variants.Count; v++) if (variants[v].AsSpan().SequenceEqual(channels)) return v;
            return variants.Count - 1;
        }, breakpoints);
    }

    private static NamLstmModel ReadLstm(JsonReader config, float[] weights, double sampleRate, JsonReader root)
    {
        config.OnlyKnownFields("input_size", "hidden_size", "num_layers");
        int inputSize = config.Int("input_size", 1, 1);
        int hiddenSize = config.Int("hidden_size", 1, NamLimits.MaxHiddenSize);
        int numLayers = config.Int("num_layers", 1, NamLimits.MaxLstmLayers);
        CheckWeightCount(root, weights, NamLstmModel.WeightCount(numLayers, inputSize, hiddenSize));
        return new NamLstmModel(numLayers, inputSize, hiddenSize, weights, sampleRate);
    }

    private static NamConvNetModel ReadConvNet(JsonReader config, float[] weights, double sampleRate, JsonReader root)
    {
        config.OnlyKnownFields("channels", "dilations", "batchnorm", "activation");
        int channels = config.Int("channels", 1, NamLimits.MaxChannels);
        var list = config.Array("dilations");
        if (list.Length is < 1 or > NamLimits.MaxLayers) throw config.Error("dilations", $"must have 1..{NamLimits.MaxLayers} entries");
        var dilations = new int[list.Length];
        for (int i = 0; i < dilations.Length; i++) dilations[i] = list[i].AsInt(1, NamLimits.MaxDilation);
        if (dilations.Sum(d => (long)d) > NamLimits.MaxReceptiveField) throw config.Error("dilations", "receptive field is too large");
        bool batchNorm = config.Bool("batchnorm");
        var activation = ReadActivation(config, "activation");
        CheckWeightCount(root, weights, NamConvNetModel.WeightCount(channels, dilations, batchNorm));
        return new NamConvNetModel(channels, dilations, batchNorm, activation, weights, sampleRate);
    }

    private static NamLinearModel ReadLinear(JsonReader config, float[] weights, double sampleRate, JsonReader root)
    {
        config.OnlyKnownFields("receptive_field", "bias", "in_channels", "out_channels");
        int receptiveField = config.Int("receptive_field", 1, NamLimits.MaxDilation);
        bool bias = config.Bool("bias");
        config.IntOr("in_channels", 1, 1, 1);
        config.IntOr("out_channels", 1, 1, 1);
        CheckWeightCount(root, weights, receptiveField + (bias ? 1 : 0));
        return new NamLinearModel(receptiveField, bias, weights, sampleRate);
    }

    private static NamMetadata ReadMetadata(JsonReader m) => new(
        Name: m.StringOrNull("name"),
        ModeledBy: m.StringOrNull("modeled_by"),
        GearType: m.StringOrNull("gear_type"),
        GearMake: m.StringOrNull("gear_make"),
        GearModel: m.StringOrNull("gear_model"),
        ToneType: m.StringOrNull("tone_type"),
        Loudness: m.NumberOrNull("loudness"),
        Gain: m.NumberOrNull("gain"),
        InputLevelDbu: m.NumberOrNull("input_level_dbu"),
        OutputLevelDbu: m.NumberOrNull("output_level_dbu"));
}
