using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public sealed class BlockWorkerTests
{
    /// <summary>A recurrent toy job: output = input + running sum of previous blocks' first samples; notes its thread.</summary>
    private sealed class RunningSumJob(int delayMilliseconds = 0) : IBlockJob
    {
        private float _state;
        public int Thread = -1;
        public int Resets;

        public void Run(ReadOnlySpan<float> input, Span<float> output)
        {
            Thread = Environment.CurrentManagedThreadId;
            if (delayMilliseconds > 0) System.Threading.Thread.Sleep(delayMilliseconds);
            for (int i = 0; i < input.Length; i++) output[i] = input[i] + _state;
            _state += input[0];
        }

        public void ResetStream()
        {
            _state = 0;
            Resets++;
        }
    }

    /// <summary>The same job run inline, block by block: the oracle for the worker's output.</summary>
    private static float[] Inline(float[] input, int blockSize)
    {
        var job = new RunningSumJob();
        job.ResetStream();
        var output = new float[input.Length];
        for (int b = 0; b + blockSize <= input.Length; b += blockSize) job.Run(input.AsSpan(b, blockSize), output.AsSpan(b, blockSize));
        return output;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(333)]
    public void OfflineOutputIsTheJobsOutputExactlyTwoBlocksLaterAtAnyHostBlockSize(int hostBlock)
    {
        const int blockSize = 32;
        var input = Enumerable.Range(0, 4000).Select(i => MathF.Sin(i * 0.01f) + i % 5).ToArray();
        var job = new RunningSumJob();
        using var worker = new BlockWorker(job, blockSize, "test") { Offline = true };
        var output = new float[input.Length];
        for (int t = 0; t < input.Length; t += hostBlock)
        {
            int n = Math.Min(hostBlock, input.Length - t);
            worker.Process(input.AsSpan(t, n), output.AsSpan(t, n));
        }

        float[] expected = Inline(input, blockSize);
        Assert.Equal(2 * blockSize, worker.LatencySamples);
        for (int t = 0; t < worker.LatencySamples; t++) Assert.Equal(0f, output[t]);
        for (int t = worker.LatencySamples; t < input.Length; t++) Assert.Equal(expected[t - worker.LatencySamples], output[t]);
        Assert.Equal(0, worker.LateBlocks);
        Assert.NotEqual(Environment.CurrentManagedThreadId, job.Thread);
    }

    [Fact]
    public void ARealTimeWorkerThatIsTooSlowPlaysSilenceAndCountsIt()
    {
        var job = new RunningSumJob(delayMilliseconds: 20);
        using var worker = new BlockWorker(job, 16, "slow");
        var input = Enumerable.Repeat(1f, 16).ToArray();
        var output = new float[16];
        for (int b = 0; b < 50; b++)
        {
            worker.Process(input, output); // 16 samples per call, far faster than the 20 ms the job takes
            if (b >= 2) Assert.True(output.All(x => x == 0f) || output.All(x => x >= 1f));
        }
        Assert.True(worker.LateBlocks >= 40, $"late blocks {worker.LateBlocks}");
    }

    [Fact]
    public void ResetRestartsTheStreamAndAllocatesNothingWhileProcessing()
    {
        const int blockSize = 32;
        var input = Enumerable.Range(0, 1024).Select(i => 1f + i % 3).ToArray();
        var job = new RunningSumJob();
        using var worker = new BlockWorker(job, blockSize, "reset") { Offline = true };
        var first = new float[input.Length];
        worker.Process(input, first);
        worker.Reset();
        var second = new float[input.Length];
        var allocations = ThreadAllocations.Start();
        for (int t = 0; t < input.Length; t += 100) worker.Process(input.AsSpan(t, Math.Min(100, input.Length - t)), second.AsSpan(t, Math.Min(100, input.Length - t)));
        Assert.Equal(0, allocations.Bytes);
        Assert.Equal(first, second); // the running sum started over
        Assert.True(job.Resets >= 2);
    }
}
