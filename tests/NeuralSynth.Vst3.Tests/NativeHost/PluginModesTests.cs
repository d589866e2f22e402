using NeuralSynth.Engine.Audio;
using NeuralSynth.Vst3.Plugin;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests.NativeHost;

/// <summary>
/// Every Sound Source of the instrument and every kind of Effect Model, chosen by parameter in the native host
/// (JUCE's VST3 hosting, as a JUCE-based DAW loads the bundle), at 44.1 and 96 kHz with odd block sizes.
/// </summary>
[Trait("Category", "NativeHost")]
public sealed class PluginModesTests : IDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly string _work = Directory.CreateTempSubdirectory("neuralsynth-modes-").FullName;

    public PluginModesTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    // The bundle's own definition: its model list is what the bundled plug-in lists.
    private static PluginDefinition DefinitionOf(PluginKind kind) =>
        new(kind, Path.Combine(NativeHostRunner.Bundle!, "Contents", "Resources"),
            Product.Models.ModelLibrary.Scan([new Product.Models.ModelRoot(Path.Combine(NativeHostRunner.Bundle!, "Contents", "Resources", "models"), false)]));

    private static string Normalized(PluginDefinition definition, uint id, string valueName)
    {
        var spec = definition.Parameters[definition.IndexOf(id)].Spec;
        int index = spec.ValueNames!.ToList().IndexOf(valueName);
        Assert.True(index >= 0, $"{spec.Name} has no value '{valueName}'");
        return spec.ToNormalized(index).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
    }

    [NativeHostTheory]
    [InlineData(44100, 7)]
    [InlineData(96000, 333)]
    public void Every_sound_source_plays_in_the_host(int rate, int block)
    {
        var definition = DefinitionOf(PluginKind.Instrument);
        string demo = Path.Combine(TestPaths.RepositoryRoot, "models", "demo", "demo.mid");
        var renders = new Dictionary<string, float[]>();
        foreach (string source in definition.Parameters[definition.SoundSourceParameterIndex].Spec.ValueNames!)
        {
            string wav = Path.Combine(_work, $"{source.Replace(' ', '-')}-{rate}.wav");
            NativeHostRunner.RunOk(_log, "render-midi", NativeHostRunner.Bundle!, "--class", "NeuralSynth", "--midi", demo, "--seconds", "4",
                "--sample-rate", rate.ToString(), "--block-size", block.ToString(), "--offline",
                "--set", $"Sound Source={Normalized(definition, ParameterIds.SoundSource, source)}", "--out", wav);
            var audio = AudioFile.Read(wav);
            Assert.Equal(rate, audio.SampleRate);
            float peak = audio.Channels[0].Max(MathF.Abs);
            _log.WriteLine($"{source} at {rate} Hz, block {block}: peak {peak:0.000}");
            Assert.True(peak > 0.01f, $"{source} is silent");
            renders[source] = audio.Channels[0];
        }
        foreach (var (source, samples) in renders.Where(r => r.Key != "Additive"))
            Assert.True(samples.Zip(renders["Additive"], (a, b) => Math.Abs(a - b)).Max() > 0.01f, $"{source} sounds like the additive voice");
    }

    [NativeHostTheory]
    [InlineData(44100, 7)]
    [InlineData(96000, 333)]
    public void Every_kind_of_effect_model_processes_in_the_host(int rate, int block)
    {
        var definition = DefinitionOf(PluginKind.Effect);
        string input = Path.Combine(_work, $"input-{rate}.wav");
        NativeHostRunner.RunOk(_log, "make-test-wav", input, "--sample-rate", rate.ToString(), "--seconds", "2");
        var dry = AudioFile.Read(input);
        foreach (string model in new[] { "NAM: dumble", "Capture: overdrive", "ONNX: compressor", "RAVE: fluid-small", "DDSP Transfer: violin" })
        {
            string wav = Path.Combine(_work, $"{model.Replace(' ', '-').Replace(':', '-')}-{rate}.wav");
            // Offline, as a bounce: RAVE's worker results are waited for rather than replaced by the dry signal.
            string output = NativeHostRunner.RunOk(_log, "process-wav", NativeHostRunner.Bundle!, "--class", "NeuralSynth FX", "--in", input,
                "--sample-rate", rate.ToString(), "--block-size", block.ToString(), "--offline",
                "--set", $"Effect Model={Normalized(definition, ParameterIds.Model, model)}", "--out", wav);
            var wet = AudioFile.Read(wav);
            double difference = 0, energy = 0;
            for (int i = 0; i < Math.Min(wet.Frames, dry.Frames); i++)
            {
                difference += Math.Pow(wet.Channels[0][i] - dry.Channels[0][i], 2);
                energy += Math.Pow(dry.Channels[0][i], 2);
            }
            float peak = wet.Channels[0].Max(MathF.Abs);
            _log.WriteLine($"{model} at {rate} Hz, block {block}: peak {peak:0.000}, |wet - dry| / |dry| {Math.Sqrt(difference / energy):0.000}");
            Assert.True(peak > 0.001f, $"{model} is silent");
            Assert.True(difference > 0.01 * energy, $"{model} did not change the signal");
        }
    }
}
