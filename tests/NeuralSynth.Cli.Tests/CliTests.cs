using Xunit;
using static NeuralSynth.Cli.Tests.CliProcess;
using NeuralSynth.Engine.Tests;

namespace NeuralSynth.Cli.Tests;

/// <summary>Runs the real neuralsynth executable the way a user does.</summary>
public class CliTests
{
    [Fact]
    public void RenderWritesTheDemo()
    {
        string output = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("render", "models/demo/demo.mid", "-o", output, "--format", "pcm24");
        Assert.True(result.ExitCode == 0, result.StdErr);
        var audio = Engine.Audio.AudioFile.Read(output);
        Assert.Equal(48000, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        Assert.True(audio.Channels[0].Max(MathF.Abs) > 0.05f);
        File.Delete(output);
    }

    [Fact]
    public void GarbageMidiIsOneClearLine() =>
        AssertOneLineError(RunCli("render", Temp("bad.mid", "this is not midi at all"u8.ToArray()), "-o", "/tmp/x.wav"), "not a Standard MIDI File");

    [Fact]
    public void MidiCutBeforeItsFirstWholeEventIsOneClearLine()
    {
        // Header (14 bytes), the first track's chunk header (8) and 2 bytes of its first event: nothing to play.
        // (A file cut later plays what it holds, with a warning: TruncatedInputCliTests.)
        byte[] demo = File.ReadAllBytes(TestSupport.DemoMidi);
        AssertOneLineError(RunCli("render", Temp("cut.mid", demo[..24]), "-o", "/tmp/x.wav"), "corrupt or truncated MIDI file");
    }

    [Fact]
    public void MissingInputIsOneClearLine() =>
        AssertOneLineError(RunCli("render", "/nonexistent/song.mid", "-o", "/tmp/x.wav"), "file not found");

    [Fact]
    public void NonWavInputIsOneClearLine() =>
        AssertOneLineError(RunCli("spectrogram", Temp("fake.wav", "RIFX not a wave file"u8.ToArray()), "-o", "/tmp/x.png"), "not a WAV file");

    [Fact]
    public void PresetWithUnknownParameterIsOneClearLine()
    {
        string preset = Temp("p.json", """{ "schema": 1, "parameters": { "does.not.exist": 1 } }"""u8.ToArray());
        AssertOneLineError(RunCli("render", "models/demo/demo.mid", "-o", "/tmp/x.wav", "--preset", preset), "parameters.does.not.exist: unknown parameter");
    }

    [Fact]
    public void PresetWithOutOfRangeValueIsOneClearLine()
    {
        string preset = Temp("p.json", """{ "schema": 1, "parameters": { "env.attack": -5 } }"""u8.ToArray());
        AssertOneLineError(RunCli("render", "models/demo/demo.mid", "-o", "/tmp/x.wav", "--preset", preset), "parameters.env.attack: value -5 is outside");
    }

    [Fact]
    public void AbsurdBlockSizeIsOneClearLine() =>
        AssertOneLineError(RunCli("render", "models/demo/demo.mid", "-o", "/tmp/x.wav", "--block-size", "0"), "--block-size 0");

    [Fact]
    public void TranscribeWritesMidiAndAPianoRoll()
    {
        string midi = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.mid");
        string png = Path.ChangeExtension(midi, ".png");
        var result = RunCli("transcribe", "tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav", "-o", midi, "--pianoroll", png);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("28 notes", result.StdOut);
        var sequence = Engine.Midi.MidiFileLoader.Load(midi);
        Assert.Equal(28, sequence.NoteCount);
        Assert.True(new FileInfo(png).Length > 100);
        File.Delete(midi);
        File.Delete(png);
    }

    [Fact]
    public void TranscribeRejectsBadThresholds() =>
        AssertOneLineError(RunCli("transcribe", "tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav", "-o", "/tmp/x.mid", "--onset-threshold", "3"), "--onset-threshold 3");

    [Fact]
    public void GenerateWritesMidiInTheRequestedKeyAndTempo()
    {
        string midi = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.mid");
        var result = RunCli("generate", "--bars", "4", "--key", "D", "--mode", "minor", "--tempo", "96", "--seed", "3", "-o", midi);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var sequence = Engine.Midi.MidiFileLoader.Load(midi);
        Assert.True(sequence.NoteCount > 0);
        int[] dMinor = { 2, 4, 5, 7, 9, 10, 0 }; // natural minor; the key mask forbids everything else
        foreach (var e in sequence.Events.Where(e => e.Event.Kind == Engine.Core.EngineEventKind.NoteOn && e.Event.Value > 0))
            Assert.Contains(e.Event.Data % 12, dMinor.Concat(new[] { 1 })); // harmonic minor's C# allowed
        File.Delete(midi);
    }

    [Fact]
    public void TransferRendersTheSungRecordingAsAViolin()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("transfer", "tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav", "--instrument", "violin", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var audio = Engine.Audio.AudioFile.Read(wav);
        Assert.True(audio.Channels[0].Max(MathF.Abs) > 0.01f);
        File.Delete(wav);
    }

    [Fact]
    public void UnknownInstrumentIsOneClearLine() =>
        AssertOneLineError(RunCli("transfer", "tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav", "--instrument", "kazoo", "-o", "/tmp/x.wav"), "kazoo");

    [Fact]
    public void FxReproducesTheNamGoldenThroughTheEffectChain()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("fx", "models/nam/golden/input.wav", "--model", "models/nam/dumble.nam", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        float[] ours = Engine.Audio.AudioFile.Read(wav).Channels[0];
        float[] golden = Engine.Audio.AudioFile.Read(Path.Combine(TestSupport.RepoRoot, "models/nam/golden/dumble.out.wav")).Channels[0];
        double error = 0, signal = 0;
        for (int i = 0; i < golden.Length; i++) { error += Math.Pow(ours[i] - golden[i], 2); signal += golden[i] * golden[i]; }
        Assert.True(error / signal < 1e-6, $"ESR {error / signal}");
        File.Delete(wav);
    }

    [Fact]
    public void FxSizeKnobSelectsTheSlimmableSubmodelNamWouldRender()
    {
        // A2.nam's Size knob is NeuralAmpModelerCore's SetSlimmableSize: 0.3 selects the small submodel (< 0.5),
        // whose upstream render is A2.slim0.out.wav.
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("fx", "models/nam/golden/input.wav", "--model", "models/nam-a2/A2.nam", "--knob", "size=0.3", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Size=0.3", result.StdOut);
        float[] ours = Engine.Audio.AudioFile.Read(wav).Channels[0];
        float[] golden = Engine.Audio.AudioFile.Read(Path.Combine(TestSupport.RepoRoot, "models/nam-a2/golden/A2.slim0.out.wav")).Channels[0];
        double error = 0, signal = 0;
        for (int i = 0; i < golden.Length; i++) { error += Math.Pow(ours[i] - golden[i], 2); signal += golden[i] * golden[i]; }
        Assert.True(error / signal < 1e-6, $"ESR {error / signal}");
        File.Delete(wav);
    }

    [Fact]
    public void FxTakesKnobsByName()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("fx", "models/nam/golden/input.wav", "--model", "models/fx/overdrive/model.json", "--knob", "drive=0.9", "tone=0.2", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("drive=0.9, tone=0.2", result.StdOut);
        File.Delete(wav);
    }

    [Fact]
    public void FxUnknownKnobIsOneClearLine() =>
        AssertOneLineError(RunCli("fx", "models/nam/golden/input.wav", "--model", "models/fx/overdrive/model.json", "--knob", "fuzz=1", "-o", "/tmp/x.wav"), "unknown knob 'fuzz'");

    [Fact]
    public void FxCorruptModelIsOneClearLine() =>
        AssertOneLineError(RunCli("fx", "models/nam/golden/input.wav", "--model", "tests/corpus/hostile/nam/truncated.nam", "-o", "/tmp/x.wav"), "truncated.nam");

    [Fact]
    public void RaveProcessesAndGenerates()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("rave", "models/nam/golden/input.wav", "--bias", "0=0.5", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var audio = Engine.Audio.AudioFile.Read(wav);
        Assert.Equal(96000, audio.Frames);
        Assert.True(audio.Channels[0].Max(MathF.Abs) > 0.001f);
        result = RunCli("rave", "--generate", "1", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        File.Delete(wav);
    }

    [Fact]
    public void RaveTakesAnyInputRate()
    {
        // The sung recording is 44.1 kHz; the model runs at 48 kHz inside converters, the file keeps its rate and length.
        string input = "tests/NeuralSynth.Transcription.Tests/data/vocadito_10.wav";
        var source = Engine.Audio.AudioFile.Read(Path.Combine(TestSupport.RepoRoot, input));
        Assert.NotEqual(48000, source.SampleRate);
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("rave", input, "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        var audio = Engine.Audio.AudioFile.Read(wav);
        Assert.Equal(source.SampleRate, audio.SampleRate);
        Assert.Equal(source.Frames, audio.Frames);
        File.Delete(wav);
    }

    [Fact]
    public void RaveTransposesInWholeSemitonesWithinTwoOctaves()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("rave", "models/nam/golden/input.wav", "--transpose", "-12", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        File.Delete(wav);
        AssertOneLineError(RunCli("rave", "models/nam/golden/input.wav", "--transpose", "0.5", "-o", wav), "whole semitones");
        AssertOneLineError(RunCli("rave", "models/nam/golden/input.wav", "--transpose", "25", "-o", wav), "-24..24");
    }

    [Fact]
    public void RaveModelFileInsteadOfFolderIsOneClearLine() =>
        AssertOneLineError(RunCli("rave", "models/nam/golden/input.wav", "--model", "models/rave/fluid-small/decoder.onnx", "-o", "/tmp/x.wav"), "takes the model folder");

    [Fact]
    public void FxRunsARaveFolderAndADdspDecoderLikeThePlugIn()
    {
        string wav = Path.Combine(Path.GetTempPath(), $"ns-{Guid.NewGuid():N}.wav");
        var result = RunCli("fx", "models/nam/golden/input.wav", "--model", "models/ddsp/violin", "--knob", "transpose=0.75", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("DDSP Transfer: violin", result.StdOut);
        result = RunCli("fx", "models/nam/golden/input.wav", "--model", "models/rave/fluid-small", "--knob", "latent 1=0.7", "-o", wav);
        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("RAVE: fluid-small", result.StdOut);
        File.Delete(wav);
    }

    [Fact]
    public void InfoListsParametersAndPresets()
    {
        var result = RunCli("info");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("timbre.tilt", result.StdOut);
        Assert.Contains("default", result.StdOut);
        // The model lists are the plug-ins' own.
        Assert.Contains("DDSP Violin", result.StdOut);
        Assert.Contains("RAVE: fluid-small", result.StdOut);
        Assert.Contains("Capture: overdrive", result.StdOut);
    }
}
