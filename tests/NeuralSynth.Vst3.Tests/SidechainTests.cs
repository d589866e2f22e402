using NeuralSynth.Engine.Audio;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

/// <summary>The instrument's sidechain: an optional audio input that "Continue What I Play" listens to.</summary>
public sealed class SidechainTests
{
    [Fact]
    public void The_sidechain_is_an_optional_aux_input_off_by_default()
    {
        using var plugin = new PluginInstance(PluginKind.Instrument);
        Assert.Equal(1, plugin.Managed.GetBusCount(Vst.MediaAudio, Vst.DirectionInput));
        Assert.Null(((InstrumentEngine)plugin.Managed.Engine).Instrument.Listener); // nobody listens until the host activates it
    }

    [Fact]
    public void Sung_audio_on_the_sidechain_is_heard_by_the_generator()
    {
        var audio = AudioFile.Read(Path.Combine(TestPaths.RepositoryRoot, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav"));
        using var plugin = new PluginInstance(PluginKind.Instrument, sampleRate: audio.SampleRate, activate: false);
        Assert.Equal(TResult.Ok, plugin.Managed.ActivateBus(Vst.MediaAudio, Vst.DirectionInput, 0, true));
        plugin.Activate();
        var listener = ((InstrumentEngine)plugin.Managed.Engine).Instrument.Listener;
        Assert.NotNull(listener);

        // 3.5 s of the sung line: within the transcriber's 4 s ring, so nothing is dropped at test speed.
        float[] mono = audio.Mono();
        int frames = (int)(3.5 * audio.SampleRate);
        for (int start = 0; start < frames; start += 512)
        {
            var input = mono.AsSpan(start, Math.Min(512, frames - start)).ToArray();
            plugin.Process(input.Length, input: input);
        }
        Assert.Equal(0, listener!.Transcriber.DroppedSamples);
        Assert.True(SpinWait.SpinUntil(() => listener.Transcriber.ProcessedSamples >= frames, TimeSpan.FromSeconds(30)), "the transcriber heard the sidechain");
        listener.Transcriber.Complete();
        Assert.True(listener.Transcriber.WaitForCompletion(TimeSpan.FromSeconds(30)));
        Assert.True(listener.Transcriber.CompletedNotes.Count >= 5, $"{listener.Transcriber.CompletedNotes.Count} notes heard");
    }
}
