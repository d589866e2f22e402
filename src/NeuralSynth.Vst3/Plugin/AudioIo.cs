using NeuralSynth.Vst3.Abi;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// Copies between the host's bus buffers (32- or 64-bit, any channel count) and the engine's preallocated
/// planar float buffers. Missing or null host channels read as silence and are never written.
/// </summary>
internal static unsafe class AudioIo
{
    public static void CopyIn(AudioBusBuffers* bus, int sampleSize, float[][] destination, int frames)
    {
        if (destination.Length == 1 && bus != null && bus->NumChannels >= 2 && Channel(bus, 0) != null && Channel(bus, 1) != null)
        {
            // A stereo input into a mono engine: the mid signal, so neither side is lost.
            var mono = destination[0].AsSpan(0, frames);
            for (int i = 0; i < frames; i++) mono[i] = 0.5f * (Sample(bus, 0, i, sampleSize) + Sample(bus, 1, i, sampleSize));
            return;
        }
        for (int c = 0; c < destination.Length; c++)
        {
            var target = destination[c].AsSpan(0, frames);
            void* source = Channel(bus, Math.Min(c, bus == null ? 0 : bus->NumChannels - 1));
            if (source == null)
            {
                target.Clear();
            }
            else if (sampleSize == Vst.Sample64)
            {
                var d = new ReadOnlySpan<double>(source, frames);
                for (int i = 0; i < frames; i++) target[i] = (float)d[i];
            }
            else
            {
                new ReadOnlySpan<float>(source, frames).CopyTo(target);
            }
        }
    }

    /// <summary>Writes the engine's channels to the bus; extra host channels repeat the last engine channel.</summary>
    public static void CopyOut(float[][] source, AudioBusBuffers* bus, int sampleSize, int frames)
    {
        if (bus == null) return;
        bus->SilenceFlags = 0;
        for (int c = 0; c < bus->NumChannels; c++)
        {
            void* target = Channel(bus, c);
            if (target == null) continue;
            var from = source[Math.Min(c, source.Length - 1)].AsSpan(0, frames);
            if (sampleSize == Vst.Sample64)
            {
                var d = new Span<double>(target, frames);
                for (int i = 0; i < frames; i++) d[i] = from[i];
            }
            else
            {
                from.CopyTo(new Span<float>(target, frames));
            }
        }
    }

    /// <summary>The largest magnitude over the first <paramref name="frames"/> samples of every channel (no allocation: audio thread).</summary>
    public static float Peak(float[][] channels, int frames)
    {
        float peak = 0f;
        foreach (var channel in channels)
        {
            float p = System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(channel.AsSpan(0, Math.Min(frames, channel.Length)));
            if (p > peak) peak = p;
        }
        return float.IsFinite(peak) ? peak : 0f;
    }

    public static void Silence(AudioBusBuffers* bus, int sampleSize, int frames)
    {
        if (bus == null || frames <= 0) return;
        for (int c = 0; c < bus->NumChannels; c++)
        {
            void* target = Channel(bus, c);
            if (target == null) continue;
            if (sampleSize == Vst.Sample64) new Span<double>(target, frames).Clear();
            else new Span<float>(target, frames).Clear();
        }
        bus->SilenceFlags = bus->NumChannels >= 64 ? ulong.MaxValue : (1UL << bus->NumChannels) - 1;
    }

    private static float Sample(AudioBusBuffers* bus, int channel, int index, int sampleSize) =>
        sampleSize == Vst.Sample64 ? (float)((double*)Channel(bus, channel))[index] : ((float*)Channel(bus, channel))[index];

    private static void* Channel(AudioBusBuffers* bus, int index)
    {
        if (bus == null || bus->ChannelBuffers == null || index < 0 || index >= bus->NumChannels) return null;
        return bus->ChannelBuffers[index];
    }
}
