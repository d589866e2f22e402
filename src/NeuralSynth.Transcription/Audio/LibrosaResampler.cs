using NeuralSynth.Engine.Dsp.Resampling;

namespace NeuralSynth.Transcription.Audio;

/// <summary>
/// Resampling as Basic Pitch's upstream gets it from librosa.load: soxr's HQ filter (<see cref="SoxrHqLowpass"/>),
/// ceil(n · out / in) samples, and a whole signal already at the target rate passed through untouched.
/// </summary>
internal static class LibrosaResampler
{
    // A whole signal is streamed through in blocks this long, which keeps the converter's history small;
    // how a signal is split never changes the output.
    private const int WholeSignalBlock = 1 << 16;

    /// <summary>A converter for input arriving in chunks of at most <paramref name="maxInputBlock"/> samples.</summary>
    public static StreamingResampler CreateStreaming(int inputRate, int outputRate, int maxInputBlock)
        => new(inputRate, outputRate, SoxrHqLowpass.ForRates(inputRate, outputRate), maxInputBlock);

    /// <summary>Converts a whole signal.</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate)
    {
        if (inputRate == outputRate)
        {
            return input.ToArray();
        }

        StreamingResampler resampler = CreateStreaming(inputRate, outputRate, WholeSignalBlock);
        var output = new float[StreamingResampler.OutputLength(input.Length, inputRate, outputRate)];
        int written = 0;
        for (int start = 0; start < input.Length; start += WholeSignalBlock)
        {
            ReadOnlySpan<float> block = input.Slice(start, Math.Min(WholeSignalBlock, input.Length - start));
            written += resampler.Process(block, output.AsSpan(written));
        }

        resampler.Complete();
        resampler.Drain(output.AsSpan(written));
        return output;
    }
}
