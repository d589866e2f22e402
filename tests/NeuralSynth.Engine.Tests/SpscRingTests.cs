using NeuralSynth.Engine.Core;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class SpscRingTests
{
    [Fact]
    public void TenMillionItemsAcrossTwoThreadsArriveCompleteAndInOrder()
    {
        const long count = 10_000_000;
        var ring = new SpscRing<long>(1024);
        long received = 0, outOfOrder = 0;
        var consumer = new Thread(() =>
        {
            long expected = 0;
            while (expected < count)
            {
                if (ring.TryRead(out long value))
                {
                    if (value != expected) outOfOrder++;
                    expected = value + 1;
                    received++;
                }
                else Thread.SpinWait(8);
            }
        });
        consumer.Start();
        for (long i = 0; i < count; i++)
            while (!ring.TryWrite(i)) Thread.SpinWait(8);
        Assert.True(consumer.Join(TimeSpan.FromSeconds(60)), "consumer did not finish");
        Assert.Equal(count, received);
        Assert.Equal(0, outOfOrder);
    }

    [Fact]
    public void FullRingRefusesWritesAndEmptyRingRefusesReads()
    {
        var ring = new SpscRing<int>(4);
        Assert.False(ring.TryRead(out _));
        for (int i = 0; i < 4; i++) Assert.True(ring.TryWrite(i));
        Assert.False(ring.TryWrite(99));
        Assert.True(ring.TryRead(out int first));
        Assert.Equal(0, first);
        Assert.True(ring.TryWrite(4));
        Assert.Equal(4, ring.Count);
    }

    [Fact]
    public void CapacityRoundsUpToPowerOfTwo() => Assert.Equal(8, new SpscRing<int>(5).Capacity);

    [Fact]
    public void BulkWriteRefusesWhatDoesNotFitWholeAndReadWrapsAround()
    {
        var ring = new SpscRing<float>(8);
        Assert.True(ring.TryWrite([1, 2, 3, 4, 5, 6]));
        Assert.False(ring.TryWrite([7, 8, 9]));
        Span<float> read = stackalloc float[4];
        Assert.Equal(4, ring.Read(read));
        Assert.Equal([1f, 2, 3, 4], read.ToArray());
        Assert.True(ring.TryWrite([7, 8, 9, 10, 11]));
        var rest = new float[16];
        Assert.Equal(7, ring.Read(rest));
        Assert.Equal([5f, 6, 7, 8, 9, 10, 11], rest[..7]);
    }
}
