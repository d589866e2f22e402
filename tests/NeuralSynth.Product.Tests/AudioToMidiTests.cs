using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Product.Transcription;
using NeuralSynth.Transcription;
using Xunit.Abstractions;

namespace NeuralSynth.Product.Tests;

public sealed class AudioToMidiTests(ITestOutputHelper output)
{
    private static string Model => Path.Combine(Repository.Models, "basic-pitch", "nmp.onnx");
    private static string Sung => Path.Combine(Repository.Root, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav");

    [Fact]
    public void Notes_leave_at_the_reported_latency_where_offline_Basic_Pitch_finds_them()
    {
        var audio = AudioFile.Read(Sung);
        float[] mono = audio.Mono();
        int rate = audio.SampleRate, block = 128;
        List<(long Start, int Pitch)> offline;
        using (var reference = new BasicPitchTranscriber(Model))
            offline = reference.Transcribe(mono, rate).Notes.Select(n => ((long)Math.Round(n.StartSeconds * rate), n.MidiPitch)).ToList();

        using var a2m = new AudioToMidi(Model) { Offline = true }; // a bounce: the test runs faster than real time
        a2m.Prepare(rate, block, 1);
        int latency = a2m.LatencySamples;
        var streamed = new List<(long Start, int Pitch)>(capacity: 4096); // pre-sized: the loop allocates nothing
        var buffer = new[] { new float[block] };
        var allocations = default(ThreadAllocations);
        long position = 0;
        int blocks = 0, total = mono.Length + latency + rate; // the input, then silence while the last notes come out
        for (int start = 0; start < total; start += block, blocks++)
        {
            if (blocks == 50) allocations = ThreadAllocations.Start(); // after warm-up
            Array.Clear(buffer[0]);
            if (start < mono.Length) mono.AsSpan(start, Math.Min(block, mono.Length - start)).CopyTo(buffer[0]);
            a2m.Process(new AudioBlock(buffer, 0, block));
            foreach (var note in a2m.Notes)
                if (note.Kind == EngineEventKind.NoteOn) streamed.Add((position + note.SampleOffset - latency, note.Data));
            position += block;
            // Pace a little like a sound card so the model thread keeps up with the ring (4 s of room).
            if (blocks % 64 == 0) Thread.Sleep(1);
        }
        long allocated = allocations.Bytes;

        // A note matches when the streamed one has its pitch and starts within one Basic Pitch frame (~11.6 ms).
        int tolerance = (int)Math.Ceiling(rate * 256.0 / 22050) + 1;
        int matched = offline.Count(n => streamed.Any(s => s.Pitch == n.Pitch && Math.Abs(s.Start - n.Start) <= tolerance));
        output.WriteLine($"latency {latency} samples ({1000.0 * latency / rate:0} ms); offline {offline.Count} notes, streamed {streamed.Count}, matched {matched}; {allocated} bytes after warm-up; dropped {a2m.DroppedSamples} samples");
        Assert.Equal(0, allocated);
        Assert.Equal(0, a2m.DroppedSamples);
        Assert.True(offline.Count >= 20, "the reference should find the sung notes");
        Assert.True(matched >= offline.Count * 9 / 10, $"{matched} of {offline.Count} notes at the right time and pitch");
        Assert.True(streamed.Count <= offline.Count + 2);
    }
}
