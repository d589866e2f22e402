using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>The engine's effect chain drives our models' knobs through IKnobConditioned.</summary>
public sealed class EffectChainKnobTests
{
    [Theory]
    [InlineData("model.json")]
    [InlineData("model.onnx")]
    public void ChainKnobsReachTheModel(string file)
    {
        var model = EffectModelFactory.Load(Path.Combine(FxModelFiles.Folder("overdrive"), file), 48000, 128);
        var chain = new EffectChain();
        chain.Prepare(48000, 128, 2);
        chain.SetModel(model);
        var channels = new[] { new float[128], new float[128] };
        ReadOnlySpan<EngineEvent> events = [EngineEvent.Parameter(0, EffectParameters.Knob(0), 0.9f), EngineEvent.Parameter(0, EffectParameters.Knob(1), 0.1f)];
        chain.Process(new AudioBlock(channels, 0, 128), events);
        for (int i = 0; i < 100; i++) chain.Process(new AudioBlock(channels, 0, 128));
        var knobs = (IKnobConditioned)model;
        float drive = model is SequenceModelProcessor s ? s.GetKnob(0) : ((OnnxEffectProcessor)model).GetKnob(0);
        float tone = model is SequenceModelProcessor s2 ? s2.GetKnob(1) : ((OnnxEffectProcessor)model).GetKnob(1);
        Assert.Equal(0.9f, drive, 3);
        Assert.Equal(0.1f, tone, 3);
        Assert.Equal("drive", knobs.KnobName(0));
        Assert.Equal(model.LatencySamples, chain.LatencySamples);
        (model as IDisposable)?.Dispose();
    }
}
