using NeuralSynth.Engine;
using NeuralSynth.Engine.Audio;

namespace NeuralSynth.Transcription.Audio;

/// <summary>Decoded mono audio at its native rate.</summary>
public sealed record MonoAudio(float[] Samples, int SampleRate);

/// <summary>
/// Reads WAV files to mono float. Channels are averaged, as librosa's mono load does, because the
/// reference outputs were computed from that downmix. The file is read by the engine's one WAV reader
/// (<see cref="AudioFile"/>), so its limits, NaN check and truncation warning apply here too.
/// </summary>
internal static class AudioFileLoader
{
    public static MonoAudio LoadWav(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Audio file not found: {path}", path);
        }

        var audio = AudioFile.Read(path);
        if (audio.Frames == 0)
        {
            throw new InvalidInputException($"'{path}' contains no audio samples.");
        }

        return new MonoAudio(audio.Mono(), audio.SampleRate);
    }
}
