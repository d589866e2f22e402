using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Ddsp.Model;
using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Ddsp.Transfer;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Ddsp.Tests;

/// <summary>The audio thread allocates nothing (managed heap) with the decoder running in the product path.</summary>
public class AllocationTests
{
    [Fact]
    public void SixteenDecodedVoicesWithMidiAllocateNothing()
    {
        using var source = DdspTimbreSource.Load(TestSupport.Decoder("violin"));
        var engine = new SynthEngine();
        engine.SetTimbreSource(source);
        engine.Prepare(48000, 128, 2);
        engine.Parameters.SetImmediate(SynthParameters.ExpressionTarget, (float)ExpressionTarget.Dynamics);
        var buffers = new[] { new float[128], new float[128] };
        var block = new AudioBlock(buffers, 0, 128);
        var notes = new EngineEvent[16];
        for (int v = 0; v < 16; v++) notes[v] = EngineEvent.NoteOn(v * 7, 55 + v, 0.4f + v / 40f);
        engine.Process(block, notes);

        var events = new EngineEvent[5];
        void Fill(int i)
        {
            events[0] = EngineEvent.PitchBend(0, MathF.Sin(i * 0.05f));
            events[1] = EngineEvent.ControlChange(10, MidiController.Expression, 0.5f + 0.4f * MathF.Sin(i * 0.03f));
            events[2] = EngineEvent.ChannelPressure(20, 0.5f + 0.5f * MathF.Cos(i * 0.02f));
            events[3] = EngineEvent.NoteOff(40, 55 + i % 16);
            events[4] = EngineEvent.NoteOn(90, 55 + i % 16, 0.8f);
        }
        for (int i = 0; i < 300; i++) { Fill(i); engine.Process(block, events); }
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++) { Fill(i); engine.Process(block, events); }
        long allocated = allocations.Bytes;

        Assert.Equal(0, allocated);
        Assert.True(engine.ActiveVoices >= 16, $"{engine.ActiveVoices} voices sounding");
        Assert.True(buffers[0].Any(s => s != 0f), "the decoded voices are silent");
    }

    [Fact]
    public void TransferProcessorAllocatesNothing()
    {
        using var model = DecoderModel.Load(TestSupport.Decoder("violin"));
        using var processor = new TimbreTransferProcessor(model);
        processor.Prepare(48000, 128, 2);
        var buffers = new[] { new float[128], new float[128] };
        long n = 0;
        void Fill()
        {
            for (int i = 0; i < 128; i++, n++) buffers[0][i] = buffers[1][i] = 0.3f * MathF.Sin(2 * MathF.PI * 330f * n / 48000f);
        }
        for (int i = 0; i < 300; i++) { Fill(); processor.Process(new AudioBlock(buffers, 0, 128)); }
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++) { Fill(); processor.Process(new AudioBlock(buffers, 0, 128)); }
        Assert.Equal(0, allocations.Bytes);
    }
}
