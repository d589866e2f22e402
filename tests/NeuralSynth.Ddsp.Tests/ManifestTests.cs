using System.Text.Json.Nodes;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Engine;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>A decoder whose tensors disagree with its manifest is refused with one line naming file and field.</summary>
public class ManifestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ddsp-manifest-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteVariant(Action<JsonObject> edit)
    {
        string source = Path.GetDirectoryName(TestSupport.Decoder("violin"))!;
        File.Copy(Path.Combine(source, "decoder.onnx"), Path.Combine(_folder, "decoder.onnx"), overwrite: true);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "manifest.json")))!.AsObject();
        edit(manifest);
        string path = Path.Combine(_folder, "manifest.json");
        File.WriteAllText(path, manifest.ToJsonString());
        return path;
    }

    private static InvalidInputException Refused(string path)
    {
        var e = Assert.Throws<InvalidInputException>(() => DecoderModel.Load(path).Dispose());
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path + ": ", e.Message);
        return e;
    }

    [Fact]
    public void ShippedManifestLoads()
    {
        using var model = DecoderModel.Load(TestSupport.Decoder("violin"));
        Assert.Equal(65, model.Manifest.NoiseBands);
        Assert.True(model.Manifest.Harmonics >= 60);
    }

    [Fact]
    public void WrongHarmonicCountIsRefusedNamingTheOutput()
    {
        string path = WriteVariant(m =>
        {
            m["harmonics"] = 64;
            m["outputs"]![1]!["shape"] = new JsonArray("voices", 64);
        });
        var e = Refused(path);
        Assert.Contains("outputs[1] (harmonic_distribution)", e.Message);
        Assert.Contains("[voices, 64]", e.Message);
    }

    [Fact]
    public void RenamedInputIsRefusedNamingTheField()
    {
        string path = WriteVariant(m => m["inputs"]![0]!["name"] = "pitch");
        Assert.Contains("inputs[0].name", Refused(path).Message);
    }

    [Fact]
    public void StateSizeMismatchIsRefused()
    {
        string path = WriteVariant(m =>
        {
            m["stateSize"] = 64;
            m["inputs"]![2]!["shape"] = new JsonArray("voices", 64);
            m["outputs"]![3]!["shape"] = new JsonArray("voices", 64);
        });
        Assert.Contains("inputs[2] (state_in)", Refused(path).Message);
    }

    [Fact]
    public void MissingModelFileIsRefused()
    {
        string path = WriteVariant(m => m["model"] = "other.onnx");
        Assert.Contains(": model: ", Refused(path).Message);
    }
}
