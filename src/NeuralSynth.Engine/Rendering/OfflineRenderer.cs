using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Midi;

namespace NeuralSynth.Engine.Rendering;

/// <summary>
/// Plays a timeline of events through an instrument block by block, exactly as a host would, placing
/// every event at its sample inside the block.
/// </summary>
public static class OfflineRenderer
{
    public static AudioFile Render(IInstrument instrument, IReadOnlyList<TimedEvent> events, int sampleRate,
        int blockSize, int channels, double durationSeconds, IProgress<double>? progress = null)
    {
        long totalFrames = (long)Math.Ceiling(durationSeconds * sampleRate);
        if (totalFrames > int.MaxValue) throw new InvalidInputException($"render of {durationSeconds:0} s is too long");
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[totalFrames];

        var blockEvents = new EngineEvent[Math.Max(16, events.Count)];
        int next = 0;
        for (long start = 0; start < totalFrames; start += blockSize)
        {
            int length = (int)Math.Min(blockSize, totalFrames - start);
            int count = 0;
            while (next < events.Count)
            {
                long at = (long)Math.Round(events[next].Seconds * sampleRate);
                if (at >= start + length) break;
                blockEvents[count++] = events[next].Event with { SampleOffset = (int)Math.Max(0, at - start) };
                next++;
            }
            instrument.Process(new AudioBlock(output, (int)start, length), blockEvents.AsSpan(0, count));
            if (progress != null && (start / blockSize) % 256 == 0) progress.Report((double)start / totalFrames);
        }
        progress?.Report(1.0);
        return new AudioFile(output, sampleRate);
    }
}
