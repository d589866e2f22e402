using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class EffectChainTests
{
    /// <summary>A model that delays by a fixed latency and scales by its first knob.</summary>
    private sealed class DelayingKnobModel(int latency) : IAudioProcessor, IKnobConditioned
    {
        private float[] _line = Array.Empty<float>();
        private int _write;
        public float Knob { get; private set; }
        public int LatencySamples => latency;
        public int KnobCount => 1;
        public string KnobName(int index) => "gain";
        public void SetKnob(int index, float value) => Knob = value;
        public void Prepare(double sampleRate, int maxBlockSize, int channels) => _line = new float[latency + 1];
        public void Reset() { Array.Clear(_line); _write = 0; }
        public void Process(AudioBlock block)
        {
            var x = block.Channel(0);
            for (int i = 0; i < x.Length; i++)
            {
                _line[_write] = x[i];
                _write = (_write + 1) % _line.Length;
                x[i] = _line[_write] * 2 * Knob;
            }
            for (int c = 1; c < block.ChannelCount; c++) x.CopyTo(block.Channel(c));
        }
    }

    private static (EffectChain Chain, DelayingKnobModel Model) Prepared(int latency = 10)
    {
        var chain = new EffectChain();
        chain.Prepare(48000, 256, 2);
        var model = new DelayingKnobModel(latency);
        model.Prepare(48000, 256, 2);
        chain.SetModel(model);
        return (chain, model);
    }

    private static float[][] Impulse(int length, int at)
    {
        var buffers = new[] { new float[length], new float[length] };
        buffers[0][at] = buffers[1][at] = 1f;
        return buffers;
    }

    [Fact]
    public void DryPathIsDelayedByTheModelLatencySoDryAndWetLineUp()
    {
        var (chain, model) = Prepared(latency: 10);
        chain.Parameters.SetImmediate(EffectParameters.Mix, 50);
        chain.Parameters.SetImmediate(EffectParameters.Knob(0), 0.5f); // model gain 1
        var silence = new[] { new float[256], new float[256] };
        for (int i = 0; i < 10; i++) chain.Process(new AudioBlock(silence, 0, 256)); // let the model fade in

        var buffers = Impulse(256, 5);
        chain.Process(new AudioBlock(buffers, 0, 256));

        Assert.Equal(10, chain.LatencySamples);
        Assert.Equal(1f, buffers[0][15], 4); // half dry + half wet, both 10 samples late
        Assert.Equal(0f, buffers[0][5], 6);
        Assert.Equal(0.5f, model.Knob);
    }

    [Fact]
    public void BypassCrossfadesToTheDelayedDrySignal()
    {
        var (chain, _) = Prepared(latency: 4);
        chain.Parameters.SetImmediate(EffectParameters.Knob(0), 1f); // wet = 2x
        var constant = new[] { Enumerable.Repeat(0.25f, 256).ToArray(), Enumerable.Repeat(0.25f, 256).ToArray() };
        for (int i = 0; i < 20; i++)
        {
            constant[0].AsSpan().Fill(0.25f);
            constant[1].AsSpan().Fill(0.25f);
            chain.Process(new AudioBlock(constant, 0, 256));
        }
        Assert.Equal(0.5f, constant[0][255], 4);

        chain.Process(new AudioBlock(constant, 0, 256), [EngineEvent.Parameter(0, EffectParameters.Bypass, 1f)]);
        for (int i = 0; i < 10; i++)
        {
            constant[0].AsSpan().Fill(0.25f);
            constant[1].AsSpan().Fill(0.25f);
            chain.Process(new AudioBlock(constant, 0, 256));
        }
        Assert.Equal(0.25f, constant[0][255], 4);
    }

    [Fact]
    public void AutomationLandsAtItsSample()
    {
        var (chain, _) = Prepared(latency: 0);
        chain.Parameters.SetImmediate(EffectParameters.Mix, 0); // dry only until the automation point
        chain.Parameters.SetImmediate(EffectParameters.Knob(0), 1f); // wet = 2 x dry
        var ones = new[] { new float[256], new float[256] };
        for (int i = 0; i < 10; i++) chain.Process(new AudioBlock(ones, 0, 256));
        ones[0].AsSpan().Fill(1f);
        ones[1].AsSpan().Fill(1f);
        chain.Process(new AudioBlock(ones, 0, 256), [EngineEvent.Parameter(100, EffectParameters.Mix, 100)]);
        Assert.Equal(1f, ones[0][99]);
        Assert.Equal(1f, ones[0][100], 3); // the ramp starts at sample 100
        Assert.NotEqual(1f, ones[0][200]);
    }

    [Fact]
    public void ProcessingAllocatesNothingAfterWarmUp()
    {
        var (chain, _) = Prepared();
        var buffers = new[] { new float[256], new float[256] };
        var events = new EngineEvent[3];
        for (int i = 0; i < 100; i++) chain.Process(new AudioBlock(buffers, 0, 256), events.AsSpan(0, 0));
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++)
        {
            events[0] = EngineEvent.Parameter(3, EffectParameters.InputGain, i % 12);
            events[1] = EngineEvent.Parameter(50, EffectParameters.Knob(0), (i % 10) / 10f);
            events[2] = EngineEvent.Parameter(90, EffectParameters.Mix, i % 100);
            chain.Process(new AudioBlock(buffers, 0, 1 + i % 256), events);
        }
        Assert.Equal(0, allocations.Bytes);
    }

    [Fact]
    public void NonFiniteModelOutputNeverEscapes()
    {
        var chain = new EffectChain();
        chain.Prepare(48000, 64, 1);
        chain.SetModel(new NaNModel());
        var buffer = new[] { new float[64] };
        chain.Process(new AudioBlock(buffer, 0, 64));
        Assert.All(buffer[0], s => Assert.True(float.IsFinite(s)));
        Assert.True(chain.Messages.TryRead(out var message));
        Assert.Equal(EngineMessageCode.NonFiniteOutputReplaced, message.Code);
    }

    private sealed class NaNModel : IAudioProcessor
    {
        public void Prepare(double sampleRate, int maxBlockSize, int channels) { }
        public void Reset() { }
        public void Process(AudioBlock block) => block.Channel(0).Fill(float.NaN);
    }
}
