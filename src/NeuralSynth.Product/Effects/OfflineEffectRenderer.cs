using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// Runs a whole file through a prepared <see cref="ProductEffect"/> in host-sized blocks, then removes the
/// effect's latency so the output lines up with the input sample for sample (what a DAW's delay compensation
/// does). The CLI's fx, transfer and rave commands render through it.
/// </summary>
public static class OfflineEffectRenderer
{
    /// <param name="extraSeconds">Silence appended to the input (a tail, or prior-driven generation without input).</param>
    public static AudioFile Render(ProductEffect effect, AudioFile audio, int block, double extraSeconds = 0, IProgress<double>? progress = null)
    {
        int channels = audio.ChannelCount;
        int frames = audio.Frames + (int)Math.Round(extraSeconds * audio.SampleRate);
        var buffers = new float[channels][];
        for (int c = 0; c < channels; c++) buffers[c] = new float[block];
        var output = new float[channels][];
        for (int c = 0; c < channels; c++) output[c] = new float[frames];
        effect.Reset();
        int latency = effect.LatencySamples;
        for (int start = 0, written = -latency; written < frames; start += block)
        {
            for (int c = 0; c < channels; c++)
            {
                Array.Clear(buffers[c]);
                if (start < audio.Frames) audio.Channels[c].AsSpan(start, Math.Min(block, audio.Frames - start)).CopyTo(buffers[c]);
            }
            effect.Process(new AudioBlock(buffers, 0, block));
            for (int i = 0; i < block; i++, written++)
                if (written >= 0 && written < frames)
                    for (int c = 0; c < channels; c++) output[c][written] = buffers[c][i];
            if (progress != null && (start / block) % 512 == 0) progress.Report(Math.Min(1.0, (double)start / frames));
        }
        return new AudioFile(output, audio.SampleRate);
    }
}
