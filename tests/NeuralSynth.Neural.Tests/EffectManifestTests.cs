using NeuralSynth.Engine;
using NeuralSynth.Neural.Effects;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>Hostile or broken manifests are one-line InvalidInputExceptions, never other exceptions.</summary>
public sealed class EffectManifestTests
{
    [Theory]
    [InlineData("""{"sampleRate": "48000"}""", "sampleRate")]
    [InlineData("""{"sampleRate": 1}""", "sampleRate")]
    [InlineData("""{"onnx": {"blockSize": "x"}}""", "blockSize")]
    [InlineData("""{"knobs": [{"name": "a b"}]}""", "knobs[0].name")]
    [InlineData("""{"knobs": "drive"}""", "knobs")]
    [InlineData("""[1]""", "JSON object")]
    [InlineData("""{""", "not valid JSON")]
    public void BadManifestsAreRefused(string json, string mentions)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("fx-manifest-").FullName, EffectManifest.FileName);
        try
        {
            File.WriteAllText(path, json);
            var e = Assert.Throws<InvalidInputException>(() => EffectManifest.Load(path));
            Assert.Contains(mentions, e.Message);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void ShippedManifestReads()
    {
        var m = EffectManifest.Load(Path.Combine(FxModelFiles.Folder("compressor"), EffectManifest.FileName));
        Assert.Equal(48000, m.SampleRate);
        Assert.Equal(["threshold", "ratio"], m.KnobNames);
        Assert.Equal(256, m.OnnxBlockSize);
    }
}
