using NeuralSynth.Transcription.Audio;

namespace NeuralSynth.Transcription.Tests;

/// <summary>Transcribes the reference recording once for all tests that compare against upstream.</summary>
public sealed class VocaditoFixture : IDisposable
{
    public VocaditoFixture()
    {
        Audio = AudioFileLoader.LoadWav(TestData.VocaditoWav);
        Transcriber = new BasicPitchTranscriber(TestData.ModelPath, new BasicPitchOptions { IntraOpNumThreads = 1 });
        Result = Transcriber.Transcribe(Audio.Samples, Audio.SampleRate);
    }

    public MonoAudio Audio { get; }
    public BasicPitchTranscriber Transcriber { get; }
    public TranscriptionResult Result { get; }

    public void Dispose() => Transcriber.Dispose();
}

[CollectionDefinition(Name)]
public sealed class VocaditoCollection : ICollectionFixture<VocaditoFixture>
{
    public const string Name = "vocadito";
}
