using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Effects;
using NeuralSynth.Product.Models;
using NeuralSynth.Rave.Controls;
using Xunit.Abstractions;

namespace NeuralSynth.Product.Tests;

/// <summary>Every kind of effect model through the product's effect at the host rates users run, odd block sizes included.</summary>
public sealed class EffectModesTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string reference in new[] { "nam/lstm.nam", "fx/overdrive/model.json", "fx/compressor/model.onnx", "rave/fluid-small", "ddsp/violin" })
        {
            data.Add(reference, 44100, 333);
            data.Add(reference, 48000, 64);
            data.Add(reference, 96000, 7);
        }
        data.Add("nam/dumble.nam", 88200, 128);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_model_kind_processes_at_any_rate_and_block_size_without_allocating(string reference, int rate, int block)
    {
        var entry = Repository.Library.Find(reference) ?? throw new InvalidOperationException(reference + " not in the library");
        // Offline, as a bounce: RAVE's worker results are waited for, so its output is the model's, never the dry fallback.
        using var effect = new ProductEffect(Repository.Library) { Offline = true };
        effect.Prepare(rate, block, 2);
        effect.Models.LoadNow(Repository.Library.IndexOf(entry) + 1);
        Assert.Null(effect.Models.LastError);
        Assert.Same(entry, effect.Models.LoadedEntry);
        int latency = effect.LatencySamples;

        // A plucked, decaying 220 Hz tone with a little noise: in the range of every model (and the transfer's tracker).
        int frames = rate * 3 / 2;
        var input = new float[frames];
        var random = new Random(1);
        for (int i = 0; i < frames; i++)
            input[i] = (float)(0.3 * Math.Exp(-1.5 * i / rate) * Math.Sin(2 * Math.PI * 220 * i / rate) + 0.002 * (random.NextDouble() - 0.5));

        var buffers = new[] { new float[block], new float[block] };
        var outputSignal = new float[frames];
        var allocations = default(ThreadAllocations);
        int blocks = 0;
        for (int start = 0; start < frames; start += block)
        {
            // After a quarter second of warm-up (tiered JIT); the loop itself allocates nothing.
            if (blocks++ == rate / 4 / block) allocations = ThreadAllocations.Start();
            int n = Math.Min(block, frames - start);
            for (int c = 0; c < 2; c++) input.AsSpan(start, n).CopyTo(buffers[c]);
            effect.Process(new AudioBlock(buffers, 0, n));
            buffers[0].AsSpan(0, n).CopyTo(outputSignal.AsSpan(start));
        }
        long allocated = allocations.Bytes;

        Assert.All(outputSignal, s => Assert.True(float.IsFinite(s)));
        double inputRms = Rms(input.AsSpan(latency)), outputRms = Rms(outputSignal.AsSpan(latency));
        double difference = Rms(input.AsSpan(0, frames - latency).ToArray().Zip(outputSignal.AsSpan(latency).ToArray(), (a, b) => a - b).ToArray());
        output.WriteLine($"{entry.DisplayName} at {rate} Hz, block {block}: latency {latency} samples, rms in {inputRms:0.0000} out {outputRms:0.0000}, |wet - dry| {difference:0.0000}, {allocated} bytes after warm-up");
        Assert.Equal(0, allocated);
        if (Unwrap(effect.Models.Current) is RaveEffect rave) Assert.Equal(0, rave.Processor.Overruns);
        bool needsConversion = entry.Kind is EffectModelKind.Rave || (entry.Kind != EffectModelKind.DdspTransfer && rate != 48000);
        if (needsConversion || entry.Kind == EffectModelKind.DdspTransfer) Assert.True(latency > 0, "a converted or analysing model reports its latency");
        Assert.True(outputRms > 1e-4, "the model's output is silent");
        Assert.True(difference > 0.01 * inputRms, "the model's output equals its input");
    }

    [Fact]
    public void Knobs_reach_the_model_by_name()
    {
        using var effect = new ProductEffect(Repository.Library);
        effect.Prepare(48000, 256, 2);
        LoadNow(effect, "fx/overdrive/model.json");
        Assert.Equal(["drive", "tone"], effect.Models.KnobNames);
        LoadNow(effect, "rave/fluid-small");
        // fluid-small's latent carries the pitch: its fourth knob transposes.
        Assert.Equal(["latent 1", "latent 2", "latent 3", "transpose", "noise", "temperature", "freeze", "generate"], effect.Models.KnobNames);
        LoadNow(effect, "ddsp/violin");
        Assert.Equal(["transpose", "loudness", "confidence gate"], effect.Models.KnobNames);
        effect.Models.LoadNow(0);
        Assert.Empty(effect.Models.KnobNames);
        Assert.Equal(0, effect.LatencySamples);
    }

    [Fact]
    public void Rave_transpose_knob_sets_whole_semitones()
    {
        using var effect = new ProductEffect(Repository.Library);
        effect.Prepare(48000, 256, 2);
        LoadNow(effect, "rave/fluid-small");
        int knob = effect.Models.KnobNames.ToList().IndexOf("transpose");
        var buffers = new[] { new float[256], new float[256] };
        var processor = ((RaveEffect)Unwrap(effect.Models.Current)!).Processor;
        foreach (var (value, semitones) in new[] { (0.5f, 0f), (0.75f, 12f), (0f, -24f), (0.51f, 0f), (0.53f, 1f) })
        {
            effect.Chain.Parameters.SetImmediate(EffectParameters.Knob(knob), value);
            effect.Process(new AudioBlock(buffers, 0, 256));
            Assert.Equal(semitones, processor.Parameters.Get(RaveParameters.Transpose));
        }
    }

    [Fact]
    public void A_broken_model_leaves_the_effect_dry_and_says_why()
    {
        string folder = Directory.CreateTempSubdirectory("ns-broken-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "broken.nam"), "{ \"version\": \"0.5.0\", \"architecture\": \"WaveNet\" ");
            var library = ModelLibrary.Scan([new ModelRoot(folder, true)]);
            using var effect = new ProductEffect(library);
            effect.Prepare(48000, 64, 2);
            effect.Models.LoadNow(1);
            Assert.NotNull(effect.Models.LastError);
            Assert.Contains("broken.nam", effect.Models.LastError);
            Assert.Equal(0, effect.LatencySamples);
            var buffers = new[] { new float[64], new float[64] };
            buffers[0][3] = buffers[1][3] = 0.5f;
            effect.Process(new AudioBlock(buffers, 0, 64));
            Assert.Equal(0.5f, buffers[0][3], 5);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void LoadNow(ProductEffect effect, string model) =>
        effect.Models.LoadNow(Repository.Library.IndexOf(Repository.Library.Find(model)!) + 1);

    private static NeuralSynth.Engine.Core.IAudioProcessor? Unwrap(NeuralSynth.Engine.Core.IAudioProcessor? processor) =>
        processor is NeuralSynth.Neural.Resampling.ResampledProcessor resampled ? resampled.Inner : processor;

    private static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }
}
