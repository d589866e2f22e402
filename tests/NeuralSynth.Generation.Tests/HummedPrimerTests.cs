using NeuralSynth.Engine.Diagnostics;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Generation.Live;
using NeuralSynth.Transcription.Streaming;
using Xunit;

namespace NeuralSynth.Generation.Tests;

/// <summary>"Hum a motif, the generator continues it": the live transcriber's notes reach the generator's primer.</summary>
public class HummedPrimerTests
{
    [Fact]
    public void SungNotesHeardThroughTheInputBecomeTheGeneratorsPrimer()
    {
        string root = RepoRoot();
        var song = AudioFile.Read(Path.Combine(root, "tests", "NeuralSynth.Transcription.Tests", "data", "vocadito_10.wav"));
        int rate = song.SampleRate, block = 512;
        float[] voice = song.Mono();

        using var instrument = new GenerativeSynth(new SynthEngine(),
            new LiveGenerator(new FakeTokenModel(), new LiveSettings(ContinueWhatIPlay: true), ownsModel: true));
        instrument.GeneratorValues.SetImmediate(GeneratorParameters.Enabled, 1);
        instrument.GeneratorValues.SetImmediate(GeneratorParameters.ContinueWhatIPlay, 1);
        instrument.Prepare(rate, block, 2);
        var transcriber = new StreamingTranscriber(Path.Combine(root, "models", "basic-pitch", "nmp.onnx"), rate);
        instrument.Listen(transcriber);

        var buffers = new[] { new float[block], new float[block] };
        var input = new float[block];
        double quarters = 0, samplesPerBeat = rate * 60.0 / 120;
        var allocations = default(ThreadAllocations);
        int total = voice.Length + (int)transcriber.LatencySamples + rate;
        for (int start = 0, index = 0; start < total; start += block, index++)
        {
            if (index == 100) allocations = ThreadAllocations.Start(); // after warm-up; the loop allocates nothing
            Array.Clear(input);
            if (start < voice.Length) voice.AsSpan(start, Math.Min(block, voice.Length - start)).CopyTo(input);
            instrument.Transport = new HostTransport(HostTransportFlags.Playing | HostTransportFlags.TempoValid, 120, 4, 4, start, quarters, Math.Floor(quarters / 4) * 4);
            instrument.Process(new AudioBlock(buffers, 0, block), ReadOnlySpan<EngineEvent>.Empty, input);
            quarters += block / samplesPerBeat;
            if (index % 8 == 0) Thread.Sleep(1); // let the transcriber's worker keep up, as real time would
        }
        long audioThreadAllocations = allocations.Bytes;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (instrument.Generator.HeardNotes < 20 && DateTime.UtcNow < deadline) Thread.Sleep(20);

        Assert.Equal(0, audioThreadAllocations);
        Assert.True(instrument.Listener!.Forwarded >= 40, $"only {instrument.Listener.Forwarded} note messages forwarded");
        Assert.True(instrument.Generator.HeardNotes >= 20, $"the generator heard {instrument.Generator.HeardNotes} of the 28 sung notes");
        Assert.True(instrument.Generator.Restarts >= 1, "hearing the motif should re-prime the generator");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("Plugin.sln not found");
    }
}
