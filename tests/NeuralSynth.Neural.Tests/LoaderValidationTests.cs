using System.Text;
using System.Text.Json.Nodes;
using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>Model files are untrusted: every defect must surface as a one-line ModelFormatException.</summary>
public sealed class LoaderValidationTests
{
    private static JsonObject Tiny() => JsonNode.Parse(File.ReadAllText(RepoPaths.NamModel("wavenet")))!.AsObject();

    private static ModelFormatException Reject(string json, string name = "broken.nam") =>
        Assert.Throws<ModelFormatException>(() => NamModelLoader.Parse(Encoding.UTF8.GetBytes(json), name));

    private static void AssertOneLine(ModelFormatException e, string field)
    {
        Assert.StartsWith("broken.nam: ", e.Message);
        Assert.Contains(field, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TruncatedFileIsRejected()
    {
        string text = File.ReadAllText(RepoPaths.NamModel("wavenet"));
        var e = Reject(text[..(text.Length / 2)]);
        AssertOneLine(e, "not valid JSON");
    }

    [Fact]
    public void MissingWeightIsRejected()
    {
        var root = Tiny();
        root["weights"]!.AsArray().RemoveAt(0);
        var e = Reject(root.ToJsonString());
        AssertOneLine(e, "'weights' has 130 values but the config needs exactly 131");
    }

    [Fact]
    public void ExtraWeightIsRejected()
    {
        var root = Tiny();
        root["weights"]!.AsArray().Add(0.5);
        AssertOneLine(Reject(root.ToJsonString()), "'weights' has 132 values");
    }

    [Fact]
    public void NonFiniteWeightIsRejected()
    {
        var root = Tiny();
        root["weights"]![5] = 1e39; // overflows float
        AssertOneLine(Reject(root.ToJsonString()), "'weights[5]' is not a finite float");
        string withNaN = Tiny().ToJsonString().Replace("\"weights\":[", "\"weights\":[NaN,");
        AssertOneLine(Reject(withNaN), "not valid JSON");
    }

    [Fact]
    public void NewerMajorVersionIsRejected()
    {
        var root = Tiny();
        root["version"] = "1.0.0";
        AssertOneLine(Reject(root.ToJsonString()), "'version' '1.0.0' is newer than this runtime supports");
    }

    [Fact]
    public void UnknownArchitectureIsRejected()
    {
        var root = Tiny();
        root["architecture"] = "Transformer";
        AssertOneLine(Reject(root.ToJsonString()), "'architecture' 'Transformer' is not supported");
    }

    [Fact]
    public void OversizedDimensionsAreRejectedBeforeAllocation()
    {
        var root = Tiny();
        root["config"]!["layers"]![0]!["channels"] = 100000;
        AssertOneLine(Reject(root.ToJsonString()), "'config.layers[0].channels' must be an integer in 1..256");
        root = Tiny();
        root["config"]!["layers"]![1]!["dilations"]![0] = 1 << 30;
        AssertOneLine(Reject(root.ToJsonString()), "'config.layers[1].dilations[0]' must be an integer");
    }

    [Fact]
    public void UnsupportedFeatureIsRejectedNotIgnored()
    {
        var root = Tiny();
        root["config"]!["layers"]![0]!["film"] = new JsonObject { ["active"] = true };
        AssertOneLine(Reject(root.ToJsonString()), "'config.layers[0].film' is not supported");
    }

    [Fact]
    public void InconsistentLayerArraysAreRejected()
    {
        var root = Tiny();
        root["config"]!["layers"]![1]!["input_size"] = 2;
        AssertOneLine(Reject(root.ToJsonString()), "'config.layers[1].input_size' must equal the previous array's channels");
    }

    [Fact]
    public void MissingFieldIsRejected()
    {
        var root = Tiny();
        root.Remove("config");
        AssertOneLine(Reject(root.ToJsonString()), "'config' must be an object");
    }

    [Fact]
    public void OversizedFileIsRejected()
    {
        string path = Path.Combine(Path.GetTempPath(), $"huge-{Guid.NewGuid():N}.nam");
        try
        {
            using (var stream = File.Create(path)) stream.SetLength(NamLimits.MaxFileBytes + 1);
            var e = Assert.Throws<ModelFormatException>(() => NamModelLoader.Load(path));
            Assert.Contains("larger than the", e.Message);
            Assert.Contains(Path.GetFileName(path), e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void SampleRateDefaultsTo48kAndMetadataIsExposed()
    {
        var standard = NamModelLoader.Load(RepoPaths.NamModel("wavenet_a1_standard"));
        Assert.Equal(48000, standard.SampleRate);
        Assert.Equal("WaveNet", standard.Architecture);
        Assert.Null(standard.Metadata.Loudness);
        Assert.Equal(13802, standard.WeightCount);

        var lstm = NamModelLoader.Load(RepoPaths.NamModel("lstm"));
        Assert.Equal("LSTM", lstm.Architecture);
        Assert.Equal("0.5.4", lstm.Version);
        Assert.Equal(-37.8406867980957, lstm.Metadata.Loudness!.Value, 10);
        Assert.Equal(0.13508800804658277, lstm.Metadata.Gain!.Value, 12);
        Assert.Equal(18.3, lstm.Metadata.InputLevelDbu);
        Assert.Equal(12.3, lstm.Metadata.OutputLevelDbu);
        Assert.Equal("Test LSTM", lstm.Metadata.Name);

        var deluxe = NamModelLoader.Load(RepoPaths.NamModel("deluxe"));
        Assert.Equal(-8.731651902198792, deluxe.Metadata.Loudness!.Value, 10);
    }
}
