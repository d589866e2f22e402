using System.Text;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class PresetTests
{
    private static readonly string ModelsRoot = Path.Combine(TestSupport.RepoRoot, "models");

    private static Preset Parse(string json) =>
        PresetLoader.Parse(Encoding.UTF8.GetBytes(json), "test.json", SynthParameters.CreateRegistry(), ModelsRoot);

    [Fact]
    public void EveryShippedPresetLoads()
    {
        var files = Directory.GetFiles(Path.Combine(TestSupport.RepoRoot, "presets"), "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files) PresetLoader.Load(file, SynthParameters.CreateRegistry(), ModelsRoot);
    }

    [Fact]
    public void ValuesAndChoiceNamesAreRead()
    {
        var preset = Parse("""{ "schema": 1, "parameters": { "timbre.tilt": -3, "voice.mode": "Legato" } }""");
        Assert.Equal(-3f, preset.Parameters["timbre.tilt"]);
        Assert.Equal((float)VoiceMode.Legato, preset.Parameters["voice.mode"]);
    }

    [Theory]
    [InlineData("""{ "schema": 1, "parameters": { "timbre.bogus": 1 } }""", "test.json: parameters.timbre.bogus: unknown parameter")]
    [InlineData("""{ "schema": 1, "parameters": { "timbre.tilt": 99 } }""", "test.json: parameters.timbre.tilt: value 99 is outside -24..6 dB/oct")]
    [InlineData("""{ "schema": 1, "parameters": { "timbre.tilt": "loud" } }""", "test.json: parameters.timbre.tilt")]
    [InlineData("""{ "schema": 7 }""", "test.json: schema: version 7 was written by a newer NeuralSynth")]
    [InlineData("""{ "parameters": {} }""", "test.json: schema: missing")]
    [InlineData("""{ "schema": 1, "models": { "decoder": "../../etc/passwd" } }""", "test.json: models.decoder: model path '../../etc/passwd' may not contain '..'")]
    [InlineData("""{ "schema": 1, "models": { "decoder": "/etc/passwd" } }""", "test.json: models.decoder: model path '/etc/passwd' must be relative")]
    [InlineData("""{ "schema": 1, "models": { "decoder": "nope/missing.onnx" } }""", "test.json: models.decoder: model file 'nope/missing.onnx' not found")]
    [InlineData("""{ "schema": 1, "extra": true }""", "test.json: extra: unknown field")]
    [InlineData("""[1, 2]""", "test.json: (root): must be a JSON object")]
    [InlineData("""{ "schema": 1, """, "test.json: invalid JSON")]
    public void InvalidPresetsNameTheFileAndField(string json, string expectedStart)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(json));
        Assert.StartsWith(expectedStart, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void DeeplyNestedJsonIsRefused()
    {
        string json = "{ \"schema\": 1, \"description\": " + new string('[', 5000) + new string(']', 5000) + " }";
        var error = Assert.Throws<InvalidInputException>(() => Parse(json));
        Assert.StartsWith("test.json: invalid JSON", error.Message);
    }
}
