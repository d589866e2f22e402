using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using Xunit;

namespace NeuralSynth.Engine.Tests;

public class AllocationTests
{
    [Fact]
    public void ThousandBlocksWithSixtyFourVoicesAutomationAndMidiAllocateNothing()
    {
        const int block = 128;
        var engine = TestSupport.PreparedEngine(48000, block);
        engine.Parameters.SetImmediate(SynthParameters.Polyphony, 64);
        var buffers = new[] { new float[block], new float[block] };
        var audio = new AudioBlock(buffers, 0, block);

        var start = new EngineEvent[64];
        for (int v = 0; v < 64; v++) start[v] = EngineEvent.NoteOn(v % block, 30 + v, 0.5f + v / 200f);
        engine.Process(audio, start);

        var events = new EngineEvent[8];
        void FillEvents(int i)
        {
            float phase = i * 0.05f;
            events[0] = EngineEvent.Parameter(0, SynthParameters.SpectralTilt, -12 + 6 * MathF.Sin(phase));
            events[1] = EngineEvent.Parameter(10, SynthParameters.Brightness, 3000 + 2000 * MathF.Sin(phase));
            events[2] = EngineEvent.PitchBend(20, MathF.Sin(phase));
            events[3] = EngineEvent.ControlChange(30, MidiController.ModWheel, 0.5f + 0.5f * MathF.Cos(phase));
            events[4] = EngineEvent.ControlChange(40, MidiController.Expression, 0.7f);
            events[5] = EngineEvent.NoteOff(50, 30 + i % 64);
            events[6] = EngineEvent.NoteOn(60, 30 + i % 64, 0.9f);
            events[7] = EngineEvent.ControlChange(70, MidiController.Sustain, i % 50 < 25 ? 1f : 0f);
        }

        for (int i = 0; i < 200; i++) { FillEvents(i); engine.Process(audio, events); } // warm-up
        var allocations = ThreadAllocations.Start();
        for (int i = 0; i < 1000; i++)
        {
            FillEvents(i);
            engine.Process(audio, events);
            engine.IncomingEvents.TryWrite(EngineEvent.Parameter(0, SynthParameters.NoiseLevel, -30 - i % 20));
        }
        long allocated = allocations.Bytes;

        Assert.Equal(0, allocated);
        Assert.True(engine.ActiveVoices >= 60, $"expected a full engine, {engine.ActiveVoices} voices sounding");
    }
}
