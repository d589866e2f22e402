using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Inference;
using NeuralSynth.Rave.Realtime;
using Xunit;

namespace NeuralSynth.Rave.Tests;

public class AllocationTests
{
    [Fact]
    public void Audio_thread_does_not_allocate_after_warm_up()
    {
        using var processor = new RaveProcessor(TestModel.Model, new RaveProcessorOptions { WaitForWorker = true });
        processor.Prepare(48000, 256, 2);
        float[] signal = TestModel.Signal(48000);
        var buffers = new[] { new float[256], new float[256] };
        var events = new EngineEvent[] { EngineEvent.Parameter(17, RaveParameters.Bias(0), 0.5f), EngineEvent.Parameter(200, RaveParameters.Mix, 80f) };
        void Block(int start)
        {
            for (int c = 0; c < 2; c++) signal.AsSpan(start % (signal.Length - 256), 256).CopyTo(buffers[c]);
            processor.Process(new AudioBlock(buffers, 0, 256), events);
        }
        for (int b = 0; b < 80; b++) Block(b * 256); // warm-up: JIT, first chunks, tiered compilation
        var allocations = ThreadAllocations.Start();
        for (int b = 80; b < 200; b++) Block(b * 256);
        long allocated = allocations.Bytes;
        Assert.Equal(0L, allocated);
        Assert.Equal(0L, processor.Overruns);
    }

    [Fact]
    public void Worker_side_engine_does_not_allocate_per_chunk()
    {
        var model = TestModel.Model;
        using var engine = new RaveEngine(model, model.Manifest.DefaultChunkSize);
        float[] signal = TestModel.Signal(engine.ChunkSize * 4);
        void Chunk(int k)
        {
            signal.AsSpan((k % 4) * engine.ChunkSize, engine.ChunkSize).CopyTo(engine.Input[0]);
            engine.Process();
        }
        for (int k = 0; k < 8; k++) Chunk(k);
        var allocations = ThreadAllocations.Start();
        for (int k = 0; k < 16; k++) Chunk(k);
        Assert.Equal(0L, allocations.Bytes);
    }
}
