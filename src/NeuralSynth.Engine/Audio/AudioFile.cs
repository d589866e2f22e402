using NAudio.Wave;

namespace NeuralSynth.Engine.Audio;

public enum WavSampleFormat { Float32, Pcm24, Pcm16 }

/// <summary>Planar float audio and WAV reading/writing through NAudio.</summary>
public sealed class AudioFile
{
    public const long MaxFileBytes = 2L << 30;

    public AudioFile(float[][] channels, int sampleRate)
    {
        Channels = channels;
        SampleRate = sampleRate;
    }

    public float[][] Channels { get; }
    public int SampleRate { get; }
    public int ChannelCount => Channels.Length;
    public int Frames => Channels.Length == 0 ? 0 : Channels[0].Length;
    public double DurationSeconds => (double)Frames / SampleRate;

    /// <summary>Mono mixdown (average of channels).</summary>
    public float[] Mono()
    {
        if (ChannelCount == 1) return (float[])Channels[0].Clone();
        var mono = new float[Frames];
        foreach (var channel in Channels)
            for (int i = 0; i < mono.Length; i++) mono[i] += channel[i] / ChannelCount;
        return mono;
    }

    public static AudioFile Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidInputException($"{path}: file not found");
        if (info.Length > MaxFileBytes) throw new InvalidInputException($"{path}: larger than the 2 GiB limit for WAV files");
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    public static AudioFile Read(Stream stream, string name)
    {
        var header = new byte[12];
        int got = stream.ReadAtLeast(header, 12, throwOnEndOfStream: false);
        if (got < 12 || header[0] != 'R' || header[1] != 'I' || header[2] != 'F' || header[3] != 'F' ||
            header[8] != 'W' || header[9] != 'A' || header[10] != 'V' || header[11] != 'E')
            throw new InvalidInputException($"{name}: not a WAV file (no RIFF/WAVE header)");
        long? declaredDataBytes = WavDataChunk.DeclaredBytes(stream);
        try
        {
            using var reader = new WaveFileReader(stream);
            var format = reader.WaveFormat;
            if (format.Channels < 1 || format.Channels > 32) throw new InvalidInputException($"{name}: {format.Channels} channels is not supported (1..32)");
            if (format.SampleRate < 8000 || format.SampleRate > 384000) throw new InvalidInputException($"{name}: sample rate {format.SampleRate} Hz is not supported (8000..384000)");
            bool supported = format.Encoding switch
            {
                WaveFormatEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
                WaveFormatEncoding.IeeeFloat => format.BitsPerSample is 32 or 64,
                WaveFormatEncoding.Extensible => true,
                _ => false,
            };
            if (!supported) throw new InvalidInputException($"{name}: {format.Encoding} {format.BitsPerSample}-bit audio is not supported (PCM 8/16/24/32 or float)");
            var samples = reader.ToSampleProvider();
            // The header's data size is untrusted: never allocate for more frames than the file holds.
            long frames = Math.Min(reader.SampleCount, stream.Length / Math.Max(1, format.BlockAlign));
            if (frames > int.MaxValue / format.Channels) throw new InvalidInputException($"{name}: too long");
            var interleaved = new float[frames * format.Channels];
            int total = 0, read;
            while (total < interleaved.Length && (read = samples.Read(interleaved.AsSpan(total, Math.Min(65536, interleaved.Length - total)))) > 0) total += read;
            int channels = format.Channels;
            int frameCount = total / channels;
            ReportTruncation(name, declaredDataBytes ?? reader.Length, frameCount, format);
            int nonFinite = 0;
            for (int i = 0; i < total; i++) if (!float.IsFinite(interleaved[i])) nonFinite++;
            if (nonFinite > 0) throw new InvalidInputException($"{name}: contains {nonFinite} NaN or infinite samples");
            var planar = new float[channels][];
            for (int c = 0; c < channels; c++)
            {
                planar[c] = new float[frameCount];
                for (int i = 0; i < frameCount; i++) planar[c][i] = interleaved[i * channels + c];
            }
            return new AudioFile(planar, format.SampleRate);
        }
        catch (InvalidInputException) { throw; }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidInputException($"{name}: corrupt or unsupported WAV file ({e.Message.Split('\n')[0]})", e);
        }
    }

    /// <summary>
    /// A data chunk that claims more than the file holds (a cut-off copy) loads what is there, as audio editors do,
    /// with one warning naming claimed and read sizes; with not one whole frame there is nothing to load.
    /// </summary>
    private static void ReportTruncation(string name, long claimedBytes, int framesRead, WaveFormat format)
    {
        long claimedFrames = claimedBytes / Math.Max(1, format.BlockAlign);
        if (framesRead >= claimedFrames) return;
        string claimed = $"the data chunk claims {claimedBytes} bytes ({claimedFrames} frames, {Duration(claimedFrames, format.SampleRate)})";
        if (framesRead == 0) throw new InvalidInputException($"{name}: truncated WAV file: {claimed} but the file holds not one whole frame");
        InputWarnings.Report($"{name}: truncated WAV file: {claimed} but the file holds {framesRead} frames ({Duration(framesRead, format.SampleRate)}); read those");
    }

    /// <summary>Seconds, or milliseconds below one second, so a few frames do not read as "0.000 s".</summary>
    private static string Duration(long frames, int sampleRate)
    {
        double seconds = (double)frames / sampleRate;
        return seconds >= 1 ? $"{seconds:0.000} s" : $"{seconds * 1000:0.###} ms";
    }

    public void Write(string path, WavSampleFormat sampleFormat = WavSampleFormat.Float32)
    {
        var format = sampleFormat switch
        {
            WavSampleFormat.Pcm24 => new WaveFormat(SampleRate, 24, ChannelCount),
            WavSampleFormat.Pcm16 => new WaveFormat(SampleRate, 16, ChannelCount),
            _ => WaveFormat.CreateIeeeFloatWaveFormat(SampleRate, ChannelCount),
        };
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
        using var writer = new WaveFileWriter(path, format);
        const int chunk = 4096;
        var interleaved = new float[chunk * ChannelCount];
        for (int start = 0; start < Frames; start += chunk)
        {
            int count = Math.Min(chunk, Frames - start);
            for (int i = 0; i < count; i++)
                for (int c = 0; c < ChannelCount; c++)
                    interleaved[i * ChannelCount + c] = sampleFormat == WavSampleFormat.Float32
                        ? Channels[c][start + i]
                        : Math.Clamp(Channels[c][start + i], -1f, 1f); // PCM wraps around past full scale
            if (sampleFormat == WavSampleFormat.Float32)
                writer.WriteSamples(interleaved, 0, count * ChannelCount);
            else
                for (int i = 0; i < count * ChannelCount; i++) writer.WriteSample(interleaved[i]);
        }
    }
}
