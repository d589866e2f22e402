using System.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Realtime;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class OverrunTests
{
    [Theory]
    [InlineData(OverrunFallback.Dry)]
    [InlineData(OverrunFallback.Silence)]
    public void A_late_worker_crossfades_to_the_fallback_and_counts_overruns(OverrunFallback fallback)
    {
        using var processor = new RaveProcessor(TestModel.Model, new RaveProcessorOptions { Fallback = fallback, FadeSamples = 64 });
        processor.Prepare(48000, 256, 1);
        processor.Worker!.BeforeChunk = () => Thread.Sleep(300); // far slower than real time
        float[] input = TestModel.Signal(48000);
        int latency = processor.LatencySamples;
        var output = new float[input.Length];
        var buffer = new[] { new float[256] };
        long slowest = 0;
        for (int start = 0; start + 256 <= input.Length; start += 256)
        {
            input.AsSpan(start, 256).CopyTo(buffer[0]);
            long t0 = Stopwatch.GetTimestamp();
            processor.Process(new AudioBlock(buffer, 0, 256));
            slowest = Math.Max(slowest, Stopwatch.GetTimestamp() - t0);
            buffer[0].CopyTo(output, start);
        }
        processor.Worker!.BeforeChunk = null;

        Assert.True(processor.Overruns > 0);
        Assert.All(output, v => Assert.True(float.IsFinite(v)));
        // Never a stall: the audio thread did not wait for the sleeping worker.
        Assert.InRange(Stopwatch.GetElapsedTime(0, slowest).TotalMilliseconds, 0, 100);
        // After the first chunk's fade the output is exactly the fallback.
        int settled = processor.BufferingLatencySamples + 64;
        for (int i = settled; i < output.Length - 256; i++)
        {
            float expected = fallback == OverrunFallback.Dry && i >= latency ? input[i - latency] : 0f;
            Assert.True(Math.Abs(output[i] - expected) < 1e-6f, $"sample {i}: {output[i]} vs {expected}");
        }
    }

    [Fact]
    public void Fade_to_fallback_has_no_jump()
    {
        using var processor = new RaveProcessor(TestModel.Model, new RaveProcessorOptions { Fallback = OverrunFallback.Dry, FadeSamples = 64, WaitForWorker = false });
        processor.Prepare(48000, 128, 1);
        int served = 0;
        // The first two chunks are on time (the audio side waits for them below); later ones are very late.
        processor.Worker!.BeforeChunk = () => { if (Interlocked.Increment(ref served) > 2) Thread.Sleep(300); };
        float[] input = TestModel.Signal(48000);
        var output = new float[input.Length];
        var buffer = new[] { new float[128] };
        int chunk = processor.ChunkSize;
        for (int start = 0; start + 128 <= input.Length; start += 128)
        {
            // Give the worker time for chunks 0 and 1 (as a real-time host would), so they play normally.
            long due = Math.Min(start / chunk, 2);
            SpinWait.SpinUntil(() => processor.Worker.Processed >= due, 5000);
            input.AsSpan(start, 128).CopyTo(buffer[0]);
            processor.Process(new AudioBlock(buffer, 0, 128));
            buffer[0].CopyTo(output, start);
        }
        processor.Worker.BeforeChunk = null;
        Assert.True(processor.Overruns > 0);
        // Chunk 1 played wet; at the switch to the missing chunk 2 the output moves no more than the wet and dry
        // signals themselves do from sample to sample (a hard switch would jump by |wet - dry|).
        int boundary = processor.BufferingLatencySamples + 2 * chunk;
        float step = 0;
        for (int i = boundary - chunk + 1; i < boundary; i++) step = Math.Max(step, Math.Abs(output[i] - output[i - 1]));
        for (int i = 1; i < input.Length; i++) step = Math.Max(step, Math.Abs(input[i] - input[i - 1]));
        for (int i = boundary; i < boundary + 80; i++)
            Assert.InRange(Math.Abs(output[i] - output[i - 1]), 0, step * 1.05f + 2f / 64); // + the fade's own slope
    }
}
