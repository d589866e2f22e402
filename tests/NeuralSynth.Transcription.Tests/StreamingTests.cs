using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Transcription.Streaming;
using Xunit.Abstractions;
using NeuralSynth.Transcription.Notes;

namespace NeuralSynth.Transcription.Tests;

[Collection(VocaditoCollection.Name)]
public sealed class StreamingTests(VocaditoFixture fixture, ITestOutputHelper output)
{
    private const int Block = 128;

    [Fact]
    public void StreamedNotesMatchOfflineAndPushingDoesNotAllocate()
    {
        float[] audio = fixture.Audio.Samples;
        int rate = fixture.Audio.SampleRate;
        using var streaming = new StreamingTranscriber(TestData.ModelPath, rate);

        const int warmupBlocks = 64;
        var allocations = default(ThreadAllocations);
        for (int block = 0, offset = 0; offset < audio.Length; block++, offset += Block)
        {
            if (block == warmupBlocks)
            {
                allocations = ThreadAllocations.Start();
            }

            ReadOnlySpan<float> samples = audio.AsSpan(offset, Math.Min(Block, audio.Length - offset));
            while (!streaming.TryPush(samples))
            {
                Thread.Yield();
            }
        }

        long allocated = allocations.Bytes;
        streaming.Complete();
        Assert.True(streaming.WaitForCompletion(TimeSpan.FromSeconds(60)), "streaming worker did not finish");
        Assert.Equal(0, allocated);
        Assert.Equal(0, streaming.DroppedSamples);

        List<NoteMessage> messages = Drain(streaming);
        List<(int Pitch, long On, long Off)> notes = PairNotes(messages);
        IReadOnlyList<NoteEvent> offline = fixture.Result.Notes;
        long twoFrames = (long)Math.Ceiling(2 * 256.0 / 22050 * rate);

        output.WriteLine($"offline {offline.Count} notes, streamed {notes.Count}; latency bound {streaming.LatencySamples} samples " +
                         $"({streaming.LatencySamples * 1000.0 / rate:F0} ms)");
        Assert.Equal(offline.Count, notes.Count);
        var unmatched = notes.ToList();
        foreach (NoteEvent expected in offline)
        {
            long on = (long)Math.Round(expected.StartSeconds * rate);
            int index = unmatched.FindIndex(n => n.Pitch == expected.MidiPitch && Math.Abs(n.On - on) <= twoFrames);
            Assert.True(index >= 0, $"offline note {expected.MidiPitch} at {expected.StartSeconds:F3}s has no streamed counterpart");
            unmatched.RemoveAt(index);
        }

        long worst = messages.Max(m => m.DecidedAtSample - m.SampleTime);
        output.WriteLine($"worst decision delay {worst} samples ({worst * 1000.0 / rate:F0} ms)");
        Assert.All(messages, m => Assert.InRange(m.DecidedAtSample - m.SampleTime, 0, streaming.LatencySamples));
    }

    [Fact]
    public void WorkerStopsAllocatingOnceItsHistoryIsFull()
    {
        // Six passes of the 9 s recording with a 7 s history: the history is full after five windows, and from then on
        // the worker re-decodes it every window. Its garbage (megabytes a window before the decoder reused its
        // scratch) forced gen-2 collections that paused the plug-in's audio thread.
        float[] once = fixture.Audio.Samples;
        int rate = fixture.Audio.SampleRate;
        float[] audio = [.. once, .. once, .. once, .. once, .. once, .. once];
        var options = new StreamingOptions { HistoryFrames = 600, AllocationWarmupWindows = WarmupWindows };
        using var streaming = new StreamingTranscriber(TestData.ModelPath, rate, options);
        for (int offset = 0; offset < audio.Length; offset += Block)
        {
            ReadOnlySpan<float> samples = audio.AsSpan(offset, Math.Min(Block, audio.Length - offset));
            while (!streaming.TryPush(samples))
            {
                Thread.Yield();
            }
        }

        streaming.Complete();
        Assert.True(streaming.WaitForCompletion(TimeSpan.FromSeconds(120)), "streaming worker did not finish");
        int notes = Drain(streaming).Count;
        double measuredSeconds = audio.Length / (double)rate - WarmupWindows * (double)BasicPitchConstants.WindowHopSamples / BasicPitchConstants.SampleRate;
        output.WriteLine($"{audio.Length / (double)rate:F1} s streamed, {notes} messages; worker allocated " +
                         $"{streaming.WorkerAllocatedBytes} bytes after {WarmupWindows} windows ({streaming.WorkerAllocatedBytes / measuredSeconds:F0} bytes/s)");
        Assert.True(measuredSeconds > 10, $"only {measuredSeconds:F1} s measured");
        // What remains is per note (the note objects and the message queue's segments), about 1.7 kB/s on this
        // recording; the scratch it replaced was megabytes a window.
        Assert.True(streaming.WorkerAllocatedBytes / measuredSeconds < WorkerBytesPerSecondBound,
            $"worker allocated {streaming.WorkerAllocatedBytes} bytes");
    }

    private const int WarmupWindows = 8;
    private const double WorkerBytesPerSecondBound = 2500;

    private static List<NoteMessage> Drain(StreamingTranscriber streaming)
    {
        var messages = new List<NoteMessage>();
        while (streaming.TryRead(out NoteMessage m))
        {
            messages.Add(m);
        }

        return messages;
    }

    private static List<(int Pitch, long On, long Off)> PairNotes(List<NoteMessage> messages)
    {
        var open = new Dictionary<int, Queue<long>>();
        var notes = new List<(int, long, long)>();
        foreach (NoteMessage m in messages)
        {
            if (m.Kind == NoteMessageKind.NoteOn)
            {
                if (!open.TryGetValue(m.MidiPitch, out Queue<long>? q))
                {
                    open[m.MidiPitch] = q = new Queue<long>();
                }

                q.Enqueue(m.SampleTime);
            }
            else
            {
                notes.Add((m.MidiPitch, open[m.MidiPitch].Dequeue(), m.SampleTime));
            }
        }

        Assert.All(open.Values, q => Assert.Empty(q));
        return notes;
    }
}
