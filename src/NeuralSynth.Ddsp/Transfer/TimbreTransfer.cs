using NeuralSynth.Ddsp.Model;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;

namespace NeuralSynth.Ddsp.Transfer;

/// <summary>Offline timbre transfer (the `neuralsynth transfer` command): the live processor, latency removed.</summary>
internal static class TimbreTransfer
{
    public const int BlockSize = 128;

    /// <param name="instrumentOrDecoder">"violin", a preset name with a decoder, or a decoder .onnx / manifest.json path.</param>
    /// <returns>Mono audio at the input's rate and length, time-aligned with the input.</returns>
    public static AudioFile Render(AudioFile input, string instrumentOrDecoder, TransferOptions? options = null, IProgress<double>? progress = null)
    {
        using var model = DecoderModel.Load(DdspCatalog.ResolveDecoder(instrumentOrDecoder));
        return Render(input, model, options, progress);
    }

    public static AudioFile Render(AudioFile input, DecoderModel model, TransferOptions? options = null, IProgress<double>? progress = null)
    {
        using var processor = new TimbreTransferProcessor(model, options);
        processor.Prepare(input.SampleRate, BlockSize, 1);
        int latency = processor.LatencySamples;
        int frames = input.Frames;
        // Run past the end by the latency so the last input samples reach the output, then drop the head.
        var buffer = new float[frames + latency];
        input.Mono().CopyTo(buffer, 0);
        var channels = new[] { buffer };
        for (int start = 0; start < buffer.Length; start += BlockSize)
        {
            processor.Process(new AudioBlock(channels, start, Math.Min(BlockSize, buffer.Length - start)));
            if (progress != null && start / BlockSize % 512 == 0) progress.Report((double)start / buffer.Length);
        }
        progress?.Report(1.0);
        return new AudioFile([buffer.AsSpan(latency, frames).ToArray()], input.SampleRate);
    }
}
