using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Core;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Neural.Tests;

/// <summary>
/// The ONNX exports of the shipped captures (state in/out, 256-sample blocks; PyTorch's own graph, so also the
/// reference for the compressor's gain-computer output, GuitarML "skip": 2) against the C# runtime running the
/// GuitarML JSON of the same weights: identical audio two model blocks later (the graph runs on a worker thread),
/// no allocation per block.
/// </summary>
public sealed class OnnxEffectTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("overdrive")]
    [InlineData("compressor")]
    public void OnnxMatchesCSharpRuntimeTwoBlocksLater(string effect)
    {
        float[] input = Plucks.Generate(seed: 5, seconds: 1);
        float[] knobs = [0.7f, 0.3f];
        using var onnx = (OnnxEffectProcessor)EffectModelFactory.Load(FxModelFiles.Onnx(effect), 48000, 100, channels: 1);
        var runtime = EffectModelFactory.Load(FxModelFiles.Json(effect), 48000, 100, channels: 1);
        onnx.SetOffline(true); // this loop runs far faster than real time: wait for the worker, as a bounce does
        Assert.Equal(512, onnx.LatencySamples);
        for (int k = 0; k < 2; k++)
        {
            onnx.SetKnob(k, knobs[k]);
            EffectModelFactory.SetKnob(runtime, EffectModelFactory.KnobNames(runtime)[k], knobs[k]);
        }
        float[] a = Run(onnx, input, 100), b = Run(runtime, input, 100);

        int latency = onnx.LatencySamples;
        double maxError = 0;
        for (int t = 0; t + latency < input.Length; t++) maxError = Math.Max(maxError, Math.Abs(a[t + latency] - b[t]));
        for (int t = 0; t < latency; t++) Assert.Equal(0f, a[t]);
        output.WriteLine($"{effect}: ONNX vs C# runtime: max |error| {maxError:E2} over {input.Length - latency} samples");
        Assert.True(maxError <= 1e-4, $"max error {maxError:E2}");
        Assert.Equal(0, onnx.LateBlocks);
    }

    [Fact]
    public void ProcessAllocatesNothingPerBlock()
    {
        using var onnx = (OnnxEffectProcessor)EffectModelFactory.Load(FxModelFiles.Onnx("overdrive"), 48000, 128, channels: 2);
        var channels = new[] { Plucks.Generate(seed: 9, seconds: 128 / 48000.0), new float[128] };
        for (int i = 0; i < 2000; i++) onnx.Process(new AudioBlock(channels, 0, 1 + i % 128));
        var allocations = ThreadAllocations.Start();
        long start = System.Diagnostics.Stopwatch.GetTimestamp(); // StartNew would allocate the Stopwatch
        int samples = 0;
        for (int i = 0; i < 1000; i++)
        {
            int length = i % 3 == 0 ? 128 : 1 + i % 128;
            onnx.SetKnob(0, i % 2);
            onnx.Process(new AudioBlock(channels, 0, length));
            samples += length;
        }
        long allocated = allocations.Bytes;
        double micros = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        output.WriteLine($"{micros / (samples / 256.0):F0} µs per 256-sample block, {allocated} bytes allocated");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void UnknownOrUnavailableProviderIsAClearError()
    {
        var unknown = Assert.Throws<InvalidInputException>(() => new OnnxEffectProcessor(FxModelFiles.Onnx("overdrive"), null, "tpu"));
        Assert.Contains("unknown execution provider 'tpu'", unknown.Message);
        // Where CUDA is installed the provider must open; where it is not, asking for it is a clear error. Either
        // way something is checked (no early return).
        if (Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            using var onGpu = new OnnxEffectProcessor(FxModelFiles.Onnx("overdrive"), null, "cuda");
            return;
        }
        var cuda = Assert.Throws<InvalidInputException>(() => new OnnxEffectProcessor(FxModelFiles.Onnx("overdrive"), null, "cuda"));
        Assert.Contains("'cuda' is not available", cuda.Message);
    }

    private static float[] Run(IAudioProcessor processor, float[] input, int block)
    {
        float[] buffer = (float[])input.Clone();
        for (int offset = 0; offset < buffer.Length; offset += block)
            processor.Process(new AudioBlock([buffer], offset, Math.Min(block, buffer.Length - offset)));
        return buffer;
    }
}
