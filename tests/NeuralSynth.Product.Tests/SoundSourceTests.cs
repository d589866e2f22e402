using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Product.Instrument;
using Xunit.Abstractions;

namespace NeuralSynth.Product.Tests;

public sealed class SoundSourceTests(ITestOutputHelper output)
{
    [Fact]
    public void Sound_sources_are_additive_then_each_decoder()
    {
        Assert.Equal(["Additive", "DDSP Cello", "DDSP Clarinet", "DDSP Flute", "DDSP Trumpet", "DDSP Violin", "DDSP Voice"], SoundSourceSlot.NamesFor(Repository.Library));
    }

    [Theory]
    [InlineData(44100, 333)]
    [InlineData(96000, 7)]
    public void Every_sound_source_plays_notes_without_allocating(int rate, int block)
    {
        using var instrument = new ProductInstrument(Repository.Library, generatorModel: null);
        instrument.Prepare(rate, block, 2);
        var spectra = new List<float[]>();
        for (int source = 0; source <= Repository.Library.Decoders.Count; source++)
        {
            // Asked for from the "audio thread" (a volatile store), loaded by the worker, adopted at the next block.
            instrument.SoundSources.Request(source);
            Assert.True(instrument.SoundSources.WaitUntilLoaded(TimeSpan.FromSeconds(30)));
            Assert.Null(instrument.SoundSources.LastError);
            var buffers = new[] { new float[block], new float[block] };
            int frames = rate;
            var signal = new float[frames];
            var allocations = default(ThreadAllocations);
            int blocks = 0;
            // The first quarter second is warm-up: the runtime's tiered JIT promotes hot methods then, on this thread.
            int warmup = rate / 4 / block;
            var noteOn = new[] { EngineEvent.NoteOn(0, 64, 0.8f, 0) };
            for (int start = 0; start < frames; start += block)
            {
                if (blocks++ == warmup) allocations = ThreadAllocations.Start(); // the loop itself allocates nothing
                int n = Math.Min(block, frames - start);
                instrument.Process(new AudioBlock(buffers, 0, n), start == 0 ? noteOn : ReadOnlySpan<EngineEvent>.Empty);
                buffers[0].AsSpan(0, n).CopyTo(signal.AsSpan(start));
            }
            long allocated = allocations.Bytes;
            Assert.True(instrument.Synth.TimbreSource is null == (source == 0), "the synth adopted the requested source");
            double rms = Math.Sqrt(signal.Skip(rate / 10).Select(s => (double)s * s).Average());
            output.WriteLine($"{instrument.SoundSources.Names[source]} at {rate} Hz, block {block}: rms {rms:0.0000}, {allocated} bytes after warm-up");
            Assert.All(signal, s => Assert.True(float.IsFinite(s)));
            Assert.True(rms > 1e-3, $"{instrument.SoundSources.Names[source]} is silent");
            Assert.Equal(0, allocated);
            spectra.Add(signal);
            // Let the note end before the next source.
            instrument.Reset();
        }
        // Different sources sound different.
        for (int a = 0; a < spectra.Count; a++)
            for (int b = a + 1; b < spectra.Count; b++)
                Assert.True(spectra[a].Zip(spectra[b], (x, y) => Math.Abs(x - y)).Max() > 1e-3);
    }
}
