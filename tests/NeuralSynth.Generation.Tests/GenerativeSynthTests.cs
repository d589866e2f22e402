using System.Numerics.Tensors;
using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Generation.Live;
using Xunit;

namespace NeuralSynth.Generation.Tests;

/// <summary>The synth playing what the background generator composes, following the host transport.</summary>
public class GenerativeSynthTests
{
    private const int SampleRate = 48000;
    private const int Block = 128;

    [Fact]
    public void SynthPlaysGeneratedNotesInTempoAcrossATempoChangeWithoutAllocating()
    {
        var model = Model.GeneratorModelInfo.Load(TestPaths.ModelPath).Open();
        using var instrument = new GenerativeSynth(new SynthEngine(), new LiveGenerator(model, ownsModel: true));
        instrument.GeneratorValues.SetImmediate(GeneratorParameters.Enabled, 1);
        instrument.GeneratorValues.SetImmediate(GeneratorParameters.Density, 4);
        instrument.Prepare(SampleRate, Block, 2);

        var buffers = new[] { new float[Block], new float[Block] };
        var block = new AudioBlock(buffers, 0, Block);
        // One bar of count-in: the generator is cued by the first playing block, so it composes bar 0 while the
        // count-in plays (otherwise a note on bar 0's downbeat can only sound a block late).
        double position = -4, peak = 0;
        var allocations = default(ThreadAllocations);
        int blocks = 0;
        var onsets = new List<(double Quarter, double Tempo)>(capacity: 4096); // pre-sized: the loop allocates nothing
        var voices = instrument.Synth.VoicesForInspection;
        // Two bars at 100 BPM, then one at 150 BPM; blocks wait (like an offline bounce) until the generator
        // has composed past them.
        while (position < 12)
        {
            if (blocks++ == 200) allocations = ThreadAllocations.Start();
            double tempo = position < 8 ? 100 : 150;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (instrument.Generator.BarsGenerated * 4 < position + 4 && DateTime.UtcNow < deadline) Thread.Sleep(1);
            instrument.Transport = new HostTransport(HostTransportFlags.Playing | HostTransportFlags.TempoValid, tempo, 4, 4,
                (long)(position * SampleRate * 60 / tempo), position, Math.Floor(position / 4) * 4);

            instrument.Process(block, ReadOnlySpan<EngineEvent>.Empty);

            peak = Math.Max(peak, TensorPrimitives.MaxMagnitude(buffers[0]));
            for (int i = 0; i < voices.Count; i++) // by index: foreach over the list would allocate an enumerator
            {
                var v = voices[i];
                if (v.SamplesSinceStart > 0 && v.SamplesSinceStart <= Block && v.State == VoiceState.Held && position >= 0)
                    onsets.Add((position + (Block - v.SamplesSinceStart) * tempo / 60.0 / SampleRate, tempo));
            }
            position += Block * tempo / 60.0 / SampleRate;
        }
        long allocated = allocations.Bytes;

        Assert.Null(instrument.Generator.Fault);
        Assert.Equal(0, allocated);
        Assert.True(peak > 0.01, "the synth should sound");
        Assert.True(onsets.Count > 8, $"only {onsets.Count} generated notes started");
        // Every generated onset sits on the 1/16 grid (within one sample) at whichever tempo was current.
        foreach (var (quarter, tempo) in onsets)
        {
            double sixteenths = quarter * 4;
            double samplesOff = Math.Abs(sixteenths - Math.Round(sixteenths)) / 4 * 60 / tempo * SampleRate;
            Assert.True(samplesOff <= 1.0, $"onset at quarter {quarter:0.0000} is {samplesOff:0.0} samples off the grid at {tempo} BPM");
        }
    }

    [Fact]
    public void NoteLogRecordsPlayedNotesAtTheirSampleForTheEditorsPianoRoll()
    {
        var model = Model.GeneratorModelInfo.Load(TestPaths.ModelPath).Open();
        using var instrument = new GenerativeSynth(new SynthEngine(), new LiveGenerator(model, ownsModel: true));
        instrument.Prepare(SampleRate, Block, 2);
        var block = new AudioBlock(new[] { new float[Block], new float[Block] }, 0, Block);
        instrument.Process(block, ReadOnlySpan<EngineEvent>.Empty);
        instrument.Process(block, new[] { EngineEvent.NoteOn(10, 60, 0.8f), EngineEvent.NoteOff(100, 60) });

        Assert.True(instrument.NoteLog.TryRead(out var on));
        Assert.True(instrument.NoteLog.TryRead(out var off));
        Assert.False(instrument.NoteLog.TryRead(out _));
        Assert.Equal(new NoteLogEntry(Block + 10, 60, On: true, Generated: false), on);
        Assert.Equal(new NoteLogEntry(Block + 100, 60, On: false, Generated: false), off);
        Assert.Equal(2 * Block, instrument.SamplesProcessed);
    }
}
