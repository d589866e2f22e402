using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Realtime;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class StreamingTests
{
    private static readonly float[] Signal = TestModel.Signal(48000 * 3 / 2);
    private static readonly Lazy<float[]> Reference = new(() => WholeFile.Run(Signal, out _));

    [Theory]
    [InlineData(1, 100)]
    [InlineData(1, 333)]
    [InlineData(2, 333)]
    [InlineData(2, 4096)]
    [InlineData(8, 100)]
    [InlineData(8, 333)]
    public void Streamed_output_equals_whole_file_output(int chunkRatios, int blockSize)
    {
        var model = TestModel.Model;
        int chunk = chunkRatios * model.Manifest.CompressionRatio;
        using var processor = new RaveProcessor(model, new RaveProcessorOptions { ChunkSize = chunk, WaitForWorker = true });
        processor.Prepare(48000, blockSize, 1);
        int latency = processor.BufferingLatencySamples;
        Assert.Equal(chunk + blockSize, latency);
        var output = Stream(processor, Signal, blockSize, Signal.Length + latency);
        float[] reference = Reference.Value;
        Assert.Equal(0L, processor.Overruns);
        Assert.InRange(TestModel.MaxAbsDiff(output.AsSpan(latency, Signal.Length), reference), 0, 1e-4f);
        Assert.InRange(TestModel.MaxAbsDiff(output.AsSpan(0, latency), new float[latency]), 0, 0f);
    }

    internal static float[] Stream(RaveProcessor processor, float[] input, int blockSize, int total)
    {
        var output = new float[total];
        var buffer = new[] { new float[blockSize] };
        for (int start = 0; start < total; start += blockSize)
        {
            int n = Math.Min(blockSize, total - start);
            Array.Clear(buffer[0]);
            if (start < input.Length) input.AsSpan(start, Math.Min(n, input.Length - start)).CopyTo(buffer[0]);
            processor.Process(new AudioBlock(buffer, 0, n));
            buffer[0].AsSpan(0, n).CopyTo(output.AsSpan(start));
        }
        return output;
    }
}
