using System.Text;
using NeuralSynth.Neural.Nam;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>Format 0.6/0.7 files are untrusted too: anything not understood is one error naming file and field.</summary>
public sealed class NamA2LoaderValidationTests
{
    private static ModelFormatException Fails(string model, string from, string to)
    {
        string text = File.ReadAllText(RepoPaths.NamA2Model(model));
        Assert.Contains(from, text);
        var bytes = Encoding.UTF8.GetBytes(text.Replace(from, to));
        return Assert.Throws<ModelFormatException>(() => NamModelLoader.Parse(bytes, model + ".nam"));
    }

    [Fact]
    public void UnknownLayerFieldIsNamed()
    {
        var e = Fails("wavenet_condition_dsp", "\"gated\": false", "\"gating\": false");
        Assert.Contains("wavenet_condition_dsp.nam", e.Message);
        Assert.Contains("gating", e.Message);
    }

    [Fact]
    public void UnknownSubmodelArchitectureIsNamed()
    {
        var e = Fails("slimmable_container", "\"architecture\": \"LSTM\"", "\"architecture\": \"Transformer\"");
        Assert.Contains("config.submodels[0].model.architecture", e.Message);
        Assert.Contains("Transformer", e.Message);
    }

    [Fact]
    public void UnknownGatingModeAndSlimMethodAreNamed()
    {
        Assert.Contains("gating_mode", Fails("wavenet_a2_max", "\"gating_mode\": \"none\"", "\"gating_mode\": \"maybe\"").Message);
        Assert.Contains("slimmable.method", Fails("slimmable_wavenet", "slice_channels_uniform", "prune_random").Message);
    }

    [Fact]
    public void GroupsThatDoNotDivideTheChannelsAreRejected()
    {
        var e = Fails("wavenet_a2_max", "\"groups_input\": 3", "\"groups_input\": 5");
        Assert.Contains("groups_input", e.Message);
    }

    [Fact]
    public void ContainerSubmodelsMustBeOrdered()
    {
        var e = Fails("slimmable_container", "\"max_value\": 0.66", "\"max_value\": 0.2");
        Assert.Contains("max_value", e.Message);
    }
}
