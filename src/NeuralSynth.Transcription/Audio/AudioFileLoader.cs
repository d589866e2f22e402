using NAudio.Wave;

namespace NeuralSynth.Transcription.Audio;

/// <summary>Decoded mono audio at its native rate.</summary>
public sealed record MonoAudio(float[] Samples, int SampleRate);

/// <summary>
/// Reads WAV files to mono float. Channels are averaged, as librosa's mono load does, because the
/// reference outputs were computed from that downmix.
/// </summary>
public static class AudioFileLoader
{
    public static MonoAudio LoadWav(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Audio file not found: {path}", path);
        }

        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(path);
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new NeuralSynth.Engine.InvalidInputException($"'{path}' is not a readable WAV file: {ex.Message}", ex);
        }

        using (reader)
        {
            return Decode(reader, path);
        }
    }

    private static MonoAudio Decode(WaveFileReader reader, string path)
    {
        ISampleProvider provider;
        try
        {
            provider = reader.ToSampleProvider();
        }
        catch (ArgumentException ex)
        {
            throw new NeuralSynth.Engine.InvalidInputException($"'{path}' uses an unsupported WAV encoding ({reader.WaveFormat.Encoding}).", ex);
        }

        int channels = provider.WaveFormat.Channels;
        var mono = new List<float>(checked((int)Math.Min(int.MaxValue, reader.SampleCount)));
        var buffer = new float[4096 * channels];
        int read;
        while ((read = provider.Read(buffer.AsSpan())) > 0)
        {
            for (int i = 0; i + channels <= read; i += channels)
            {
                float sum = 0f;
                for (int c = 0; c < channels; c++)
                {
                    sum += buffer[i + c];
                }

                mono.Add(sum / channels);
            }
        }

        if (mono.Count == 0)
        {
            throw new NeuralSynth.Engine.InvalidInputException($"'{path}' contains no audio samples.");
        }

        return new MonoAudio(mono.ToArray(), provider.WaveFormat.SampleRate);
    }
}
