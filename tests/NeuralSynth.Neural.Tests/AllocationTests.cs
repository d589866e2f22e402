using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Neural.Tests;

/// <summary>Process must not allocate once prepared (the audio thread cannot afford a GC).</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("wavenet_a1_standard", 48000)]
    [InlineData("dumble", 48000)]
    [InlineData("lstm", 48000)]
    [InlineData("wavenet", 44100)]
    [InlineData("dumble", 96000)]
    public void NamProcessorAllocatesNothingPerBlock(string name, int hostRate)
    {
        var processor = NamProcessor.Load(RepoPaths.NamModel(name));
        processor.Prepare(hostRate, 128, 2);
        var channels = new[] { new float[128], new float[128] };
        var random = new Random(3);
        for (int i = 0; i < 128; i++) channels[0][i] = (float)(random.NextDouble() - 0.5);

        // Warm-up long enough for tiered JIT to finish promoting the hot methods (a JIT pass on this thread
        // can allocate, e.g. interned string literals), then measure 1000 blocks of mixed sizes.
        for (int i = 0; i < 2000; i++) processor.Process(new AudioBlock(channels, 0, 1 + i % 128));
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++) processor.Process(new AudioBlock(channels, 0, i % 3 == 0 ? 128 : 1 + i % 128));
        processor.Reset();
        long allocated = allocations.Bytes;
        Assert.Equal(0, allocated);
    }
}
