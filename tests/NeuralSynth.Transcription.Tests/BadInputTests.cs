using NeuralSynth.Transcription.Audio;

namespace NeuralSynth.Transcription.Tests;

[Collection(VocaditoCollection.Name)]
public sealed class BadInputTests(VocaditoFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bp-bad-input").FullName;

    [Fact]
    public void NonWavFileIsRejectedWithClearMessage()
    {
        string path = Path.Combine(_dir, "not-audio.wav");
        File.WriteAllText(path, "this is a text file, not RIFF/WAVE audio");
        var ex = Assert.Throws<NeuralSynth.Engine.InvalidInputException>(() => fixture.Transcriber.TranscribeFile(path));
        Assert.Contains("not a WAV file", ex.Message);
    }

    [Fact]
    public void WavWithoutSamplesIsRejected()
    {
        string path = Path.Combine(_dir, "empty.wav");
        using (var writer = new NAudio.Wave.WaveFileWriter(path, new NAudio.Wave.WaveFormat(44100, 16, 1)))
        {
        }

        var ex = Assert.Throws<NeuralSynth.Engine.InvalidInputException>(() => AudioFileLoader.LoadWav(path));
        Assert.Contains("no audio samples", ex.Message);
    }

    [Fact]
    public void TruncatedWavIsReadWithAWarningNamingClaimedAndRead()
    {
        // 44,100 frames of 16-bit mono claimed (88,200 bytes), 4,410 present: the file's transcription gets the
        // part that is there and the caller hears about the rest (this loader used to read it silently).
        string path = Path.Combine(_dir, "cut.wav");
        using (var writer = new NAudio.Wave.WaveFileWriter(path, new NAudio.Wave.WaveFormat(44100, 16, 1)))
        {
            writer.WriteSamples(new short[44100], 0, 44100);
        }
        byte[] whole = File.ReadAllBytes(path);
        File.WriteAllBytes(path, whole[..(whole.Length - 2 * (44100 - 4410))]);

        var warnings = new List<string>();
        MonoAudio audio;
        using (NeuralSynth.Engine.InputWarnings.Listen(warnings.Add)) audio = AudioFileLoader.LoadWav(path);
        Assert.Equal(4410, audio.Samples.Length);
        Assert.Contains("claims 88200 bytes (44100 frames, 1.000 s) but the file holds 4410 frames (100 ms)", Assert.Single(warnings));
    }

    [Fact]
    public void EmptyBufferIsRejected()
    {
        var ex = Assert.Throws<NeuralSynth.Engine.InvalidInputException>(() => fixture.Transcriber.Transcribe([], 44100));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void NonFiniteSamplesAreRejected()
        => Assert.Throws<NeuralSynth.Engine.InvalidInputException>(() => fixture.Transcriber.Transcribe([0f, float.NaN, 0f], 22050));

    [Fact]
    public void BadSampleRateIsRejected()
        => Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Transcriber.Transcribe([0f, 0f], 0));

    [Fact]
    public void MissingFilesAreReported()
    {
        Assert.Throws<FileNotFoundException>(() => AudioFileLoader.LoadWav(Path.Combine(_dir, "missing.wav")));
        Assert.Throws<FileNotFoundException>(() => new BasicPitchTranscriber(Path.Combine(_dir, "missing.onnx")));
    }

    [Fact]
    public void UnknownProviderNameIsRejected()
    {
        var ex = Assert.Throws<NeuralSynth.Engine.InvalidInputException>(
            () => new BasicPitchTranscriber(TestData.ModelPath, new BasicPitchOptions { Provider = "tpu" }));
        Assert.Contains("unknown execution provider 'tpu'", ex.Message);
    }

    [Fact]
    public void CudaOpensWhereItExistsAndFailsClearlyWhereItDoesNot()
    {
        // Either way something is checked (this used to return early, passing unseen, where CUDA exists).
        if (Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"))
        {
            using var onGpu = new BasicPitchTranscriber(TestData.ModelPath, new BasicPitchOptions { Provider = "cuda" });
            Assert.Empty(onGpu.Transcribe(new float[22050], 22050).Notes); // a second of silence runs, and stays silent
            return;
        }

        var ex = Assert.Throws<NeuralSynth.Engine.InvalidInputException>(
            () => new BasicPitchTranscriber(TestData.ModelPath, new BasicPitchOptions { Provider = "cuda" }));
        Assert.Contains("CUDA", ex.Message);
    }

    [Fact]
    public void SilenceGivesNoNotes()
    {
        TranscriptionResult result = fixture.Transcriber.Transcribe(new float[22050], 22050);
        Assert.Empty(result.Notes);
        Assert.Equal(86, result.ModelOutput.Frames); // floor(22050 · 86 / 22050)
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
