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

    public static NamModel Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"model file not found: {path}", path);
        if (info.Length > NamLimits.MaxFileBytes)
            throw ModelFormatException.For(path, "file", $"is {info.Length} bytes, larger than the {NamLimits.MaxFileBytes} byte limit");
        return Parse(File.ReadAllBytes(path), path);
    }

    public static NamModel Parse(ReadOnlyMemory<byte> utf8Json, string sourceName)
    {
        if (utf8Json.Length > NamLimits.MaxFileBytes)
            throw ModelFormatException.For(sourceName, "file", "is larger than the size limit");
        // System.Text.Json defers UTF-8 validation of strings until they are read; refuse bad text up front.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json.Span))
            throw ModelFormatException.For(sourceName, "file", "is not valid JSON (not valid UTF-8 text)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw ModelFormatException.For(sourceName, "file", $"is not valid JSON ({FirstLine(e.Message)})");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw ModelFormatException.For(sourceName, "file", "must contain a JSON object");
            return Read(new JsonReader(sourceName, document.RootElement, ""));
        }
    }

    private static NamModel Read(JsonReader root)
    {
        string version = root.String("version");
        CheckVersion(root, version);
        string architecture = root.String("architecture");
        double sampleRate = root.NumberOrNull("sample_rate") ?? DefaultSampleRate;
        if (sampleRate < NamLimits.MinSampleRate || sampleRate > NamLimits.MaxSampleRate)
            throw root.Error("sample_rate", $"must be between {NamLimits.MinSampleRate} and {NamLimits.MaxSampleRate} Hz");
        var config = root.Object("config");
        var weights = root.Array("weights").Floats(NamLimits.MaxWeights);
        var metadata = root.Has("metadata") ? ReadMetadata(root.Object("metadata")) : NamMetadata.Empty;

        INeuralModel network = architecture switch
        {
            "WaveNet" => ReadWaveNet(config, weights, sampleRate, root),
            "LSTM" => ReadLstm(config, weights, sampleRate, root),
            "ConvNet" => ReadConvNet(config, weights, sampleRate, root),
            "Linear" => ReadLinear(config, weights, sampleRate, root),
            _ => throw root.Error("architecture", $"'{architecture}' is not supported (WaveNet, LSTM, ConvNet, Linear are)"),
        };
        return new NamModel(root.File, version, architecture, sampleRate, metadata, weights.Length, network);
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

    private static WaveNetModel ReadWaveNet(JsonReader config, float[] weights, double sampleRate, JsonReader root)
    {
        config.OnlyKnownFields("layers", "head", "head_scale");
        var layers = config.Array("layers");
        if (layers.Length is < 1 or > NamLimits.MaxLayerArrays)
            throw config.Error("layers", $"must list 1..{NamLimits.MaxLayerArrays} layer arrays");
        var arrays = new WaveNetLayerArrayConfig[layers.Length];
        long totalLayers = 0, receptiveField = 0;
        for (int a = 0; a < arrays.Length; a++)
        {
            var l = layers[a];
            l.OnlyKnownFields("input_size", "condition_size", "head_size", "channels", "kernel_size", "dilations",
                "activation", "gated", "head_bias");
            var dilationList = l.Array("dilations");
            if (dilationList.Length is < 1 or > NamLimits.MaxLayers) throw l.Error("dilations", $"must have 1..{NamLimits.MaxLayers} entries");
            var dilations = new int[dilationList.Length];
            for (int i = 0; i < dilations.Length; i++) dilations[i] = dilationList[i].AsInt(1, NamLimits.MaxDilation);
            arrays[a] = new WaveNetLayerArrayConfig(
                InputSize: l.Int("input_size", 1, NamLimits.MaxChannels),
                ConditionSize: l.Int("condition_size", 1, 1),
                HeadSize: l.Int("head_size", 1, NamLimits.MaxChannels),
                Channels: l.Int("channels", 1, NamLimits.MaxChannels),
                KernelSize: l.Int("kernel_size", 1, NamLimits.MaxKernelSize),
                Dilations: dilations,
                Activation: ReadActivation(l, "activation"),
                Gated: l.BoolOr("gated", false),
                HeadBias: l.Bool("head_bias"));
            totalLayers += dilations.Length;
            receptiveField += arrays[a].ReceptiveField();

            if (a == 0 && arrays[a].InputSize != 1) throw l.Error("input_size", "of the first layer array must be 1 (mono audio)");
            if (a > 0 && arrays[a].InputSize != arrays[a - 1].Channels)
                throw l.Error("input_size", $"must equal the previous array's channels ({arrays[a - 1].Channels})");
            if (a > 0 && arrays[a].Channels != arrays[a - 1].HeadSize)
                throw l.Error("channels", $"must equal the previous array's head_size ({arrays[a - 1].HeadSize})");
        }
        if (arrays[^1].HeadSize != 1) throw layers[arrays.Length - 1].Error("head_size", "of the last layer array must be 1 (mono output)");
        if (totalLayers > NamLimits.MaxLayers) throw config.Error("layers", $"has {totalLayers} layers, more than {NamLimits.MaxLayers}");
        if (receptiveField > NamLimits.MaxReceptiveField) throw config.Error("layers", "receptive field is too large");
        if (config.Has("head")) throw config.Error("head", "is not supported (NeuralAmpModelerCore does not implement it either)");

        CheckWeightCount(root, weights, WaveNetModel.WeightCount(arrays));
        return new WaveNetModel(arrays, weights, sampleRate);
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

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
