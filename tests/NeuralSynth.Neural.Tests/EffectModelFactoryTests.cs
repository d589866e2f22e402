using NeuralSynth.Engine;
using NeuralSynth.Engine.Effects;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>The CLI's entry point: dispatch by extension, manifest knob names and rate, clear errors.</summary>
public sealed class EffectModelFactoryTests
{
    [Theory]
    [InlineData("overdrive", "model.json", "drive,tone")]
    [InlineData("overdrive", "model.onnx", "drive,tone")]
    [InlineData("compressor", "model.json", "threshold,ratio")]
    public void KnobNamesComeFromTheManifest(string effect, string file, string names)
    {
        var processor = EffectModelFactory.Load(Path.Combine(FxModelFiles.Folder(effect), file), 48000, 64);
        Assert.Equal(names.Split(','), EffectModelFactory.KnobNames(processor));
        (processor as IDisposable)?.Dispose();
    }

    [Fact]
    public void ModelWithoutManifestGetsDefaultNames()
    {
        string folder = Directory.CreateTempSubdirectory("fx-factory-").FullName;
        try
        {
            string copy = Path.Combine(folder, "pedal.json");
            File.Copy(FxModelFiles.Json("overdrive"), copy);
            var processor = EffectModelFactory.Load(copy, 44100, 64); // resampled from the default 48 kHz
            Assert.Equal(["knob1", "knob2"], EffectModelFactory.KnobNames(processor));
            Assert.True(processor.LatencySamples > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void NamModelHasNoKnobs()
    {
        var processor = EffectModelFactory.Load(RepoPaths.NamModel("lstm"), 48000, 64);
        Assert.IsType<NamProcessor>(processor);
        Assert.Empty(EffectModelFactory.KnobNames(processor));
    }

    [Fact]
    public void ErrorsNameTheProblem()
    {
        var processor = EffectModelFactory.Load(FxModelFiles.Json("overdrive"), 48000, 64);
        var knob = Assert.Throws<InvalidInputException>(() => EffectModelFactory.SetKnob(processor, "gain", 1));
        Assert.Contains("drive, tone", knob.Message);
        EffectModelFactory.SetKnob(processor, "DRIVE", 0.3f);
        Assert.Equal(0.3f, ((SequenceModelProcessor)processor).GetKnob(0));
        var ext = Assert.Throws<InvalidInputException>(() => EffectModelFactory.Load(Path.Combine(FxModelFiles.Folder("overdrive"), "manifest.json").Replace(".json", ".txt"), 48000, 64));
        Assert.Contains("not found", ext.Message);
        var wrong = Assert.Throws<InvalidInputException>(() => EffectModelFactory.Load(Path.Combine(RepoPaths.Root, "Plugin.sln"), 48000, 64));
        Assert.Contains("not an effect model", wrong.Message);
    }
}
