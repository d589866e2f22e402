using NeuralSynth.Engine.Audio;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

/// <summary>"NeuralSynth Audio to MIDI": audio in, notes out on an event bus, latency reported.</summary>
public sealed class AudioToMidiPluginTests
{
    [Fact]
    public void Sung_audio_comes_out_as_notes_on_the_event_output_bus()
    {
        var audio = AudioFile.Read(Path.Combine(TestPaths.RepositoryRoot, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav"));
        // Offline processing (a bounce): the test runs faster than real time, the plug-in waits for its transcriber.
        using var plugin = new PluginInstance(PluginKind.AudioToMidi, sampleRate: audio.SampleRate, maxBlock: 512, arrangement: Vst.SpeakerMono, processMode: Vst.ProcessModeOffline);
        var component = plugin.Managed;
        Assert.Equal(1, component.GetBusCount(Vst.MediaEvent, Vst.DirectionOutput));
        Assert.Equal(0, component.GetBusCount(Vst.MediaEvent, Vst.DirectionInput));
        Assert.Equal(1, component.GetBusCount(Vst.MediaAudio, Vst.DirectionInput));
        uint latency = plugin.LatencySamples;
        Assert.True(latency > 0 && latency < audio.SampleRate * 3, $"latency {latency}");

        float[] mono = audio.Mono();
        var notes = new List<(long Time, int Pitch, float Velocity)>();
        long position = 0;
        int total = mono.Length + (int)latency + audio.SampleRate;
        for (int start = 0; start < total; start += 512)
        {
            var input = new float[512];
            if (start < mono.Length) mono.AsSpan(start, Math.Min(512, mono.Length - start)).CopyTo(input);
            var events = new FakeEventList();
            plugin.Process(512, input: input, outputEvents: events);
            foreach (var e in events.Events.Where(e => e.Type == Vst.EventNoteOn))
            {
                Assert.InRange(e.SampleOffset, 0, 511);
                notes.Add((position + e.SampleOffset, e.Pitch, e.NoteOnVelocity));
            }
            events.Release();
            position += 512;
            if (start % (512 * 32) == 0) Thread.Sleep(1);
        }
        Assert.True(notes.Count >= 20, $"{notes.Count} notes");
        Assert.All(notes, n => Assert.InRange(n.Velocity, 1f / 127, 1f));
        // Every note comes out after the latency has passed: none is placed before its own input.
        Assert.True(notes[0].Time >= latency);
    }
}
