using System.Text.Json.Nodes;
using NeuralSynth.Engine;
using NeuralSynth.Rave.Model;
using Xunit;

namespace NeuralSynth.Rave.Tests;

/// <summary>The model folder is untrusted: every way the manifest can disagree with the graphs, or reach outside
/// the folder, is refused at load with one line naming the file and the field.</summary>
public sealed class ManifestValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rave-manifest-" + Guid.NewGuid().ToString("N"));

    public ManifestValidationTests()
    {
        Directory.CreateDirectory(_dir);
        foreach (var file in new[] { "manifest.json", "encoder.onnx", "decoder.onnx", "prior.onnx" })
        {
            string source = Path.Combine(TestModel.Folder, file);
            if (File.Exists(source)) File.Copy(source, Path.Combine(_dir, file));
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string ManifestPath => Path.Combine(_dir, "manifest.json");

    private void Edit(Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();
        edit(json);
        File.WriteAllText(ManifestPath, json.ToJsonString());
    }

    private string Refusal()
    {
        var e = Assert.Throws<InvalidInputException>(() => RaveModel.Load(_dir).Dispose());
        Assert.DoesNotContain('\n', e.Message);
        Assert.Contains(ManifestPath, e.Message);
        return e.Message;
    }

    [Fact]
    public void The_unmodified_copy_loads() => RaveModel.Load(_dir).Dispose();

    [Fact]
    public void Wrong_latent_size_is_refused()
    {
        Edit(m => m["latent_size"] = m["latent_size"]!.GetValue<int>() + 1);
        Assert.Contains("latent_size", Refusal());
    }

    [Fact]
    public void Pitch_dimension_outside_the_latents_is_refused()
    {
        Edit(m => m["pitch_dimension"] = m["latent_size"]!.GetValue<int>());
        Assert.Contains("pitch_dimension", Refusal());
    }

    [Fact]
    public void Pitch_dimension_without_its_step_per_semitone_is_refused()
    {
        Edit(m => m.Remove("pitch_latent_per_semitone"));
        Assert.Contains("pitch_latent_per_semitone", Refusal());
        Edit(m => m["pitch_latent_per_semitone"] = -1.0 / 12);
        Assert.Contains("pitch_latent_per_semitone", Refusal());
    }

    [Fact]
    public void Missing_state_tensor_is_refused()
    {
        string removed = "";
        Edit(m =>
        {
            var states = m["decoder"]!["states"]!.AsArray();
            removed = states[1]!["input"]!.GetValue<string>();
            states.RemoveAt(1);
        });
        string message = Refusal();
        Assert.Contains("decoder.states", message);
        Assert.Contains(removed, message);
    }

    [Fact]
    public void Wrong_state_shape_is_refused()
    {
        Edit(m => m["encoder"]!["states"]![0]!["shape"]![2] = 999);
        Assert.Contains("encoder.states[0]", Refusal());
    }

    [Fact]
    public void Unknown_tensor_name_is_refused()
    {
        Edit(m => m["encoder"]!["output"] = "latents");
        Assert.Contains("encoder.output", Refusal());
    }

    [Theory]
    [InlineData("../decoder.onnx")]
    [InlineData("/etc/passwd")]
    [InlineData("sub/../../x.onnx")]
    public void Paths_leaving_the_folder_are_refused(string file)
    {
        Edit(m => m["decoder"]!["file"] = file);
        Assert.Contains("decoder.file", Refusal());
    }

    [Fact]
    public void Links_leaving_the_folder_are_refused()
    {
        string outside = Path.Combine(Path.GetTempPath(), "rave-outside-" + Guid.NewGuid().ToString("N") + ".onnx");
        File.Copy(Path.Combine(_dir, "decoder.onnx"), outside);
        try
        {
            File.Delete(Path.Combine(_dir, "decoder.onnx"));
            File.CreateSymbolicLink(Path.Combine(_dir, "decoder.onnx"), outside);
            Assert.Contains("outside the model folder", Refusal());
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void Oversized_manifest_is_refused()
    {
        Edit(m => m["description"] = new string('x', 70 * 1024));
        Assert.Contains("limit", Refusal());
    }

    [Fact]
    public void Chunk_size_not_a_multiple_of_the_ratio_is_refused()
    {
        Edit(m => m["chunk_sizes"] = new JsonArray(1000));
        Assert.Contains("chunk_sizes", Refusal());
    }

    [Fact]
    public void Malformed_json_is_refused()
    {
        File.WriteAllText(ManifestPath, "{ \"format\": ");
        Assert.Contains("not valid JSON", Refusal());
    }

    [Fact]
    public void Unavailable_provider_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidInputException>(() => RaveModel.Load(_dir, "cuda").Dispose());
        Assert.Contains("cuda", e.Message);
        var unknown = Assert.Throws<InvalidInputException>(() => RaveModel.Load(_dir, "tpu").Dispose());
        Assert.Contains("tpu", unknown.Message);
    }
}
