using NeuralSynth.Cli.Commands;
using NeuralSynth.Engine.Audio;
using Xunit.Abstractions;

namespace NeuralSynth.Vst3.Tests.NativeHost;

/// <summary>The published bundle, loaded by the native VST3 host (native/), as a DAW would load it.</summary>
[Trait("Category", "NativeHost")]
public sealed class NativeHostTests : IDisposable
{
    private const string Instrument = "NeuralSynth";
    private const string Effect = "NeuralSynth FX";
    private const string AudioToMidi = "NeuralSynth Audio to MIDI";
    private readonly ITestOutputHelper _log;
    private readonly string _work = Directory.CreateTempSubdirectory("neuralsynth-vst3-").FullName;

    public NativeHostTests(ITestOutputHelper log) => _log = log;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>
    /// The host's render of the demo equals the CLI's (default preset, block 128) within 1e-5. The host's raw
    /// engine is used because it delivers MIDI controllers through IMidiMapping at their exact sample; JUCE's
    /// own engine applies mapped controllers at the start of each block.
    /// </summary>
    [NativeHostFact]
    public void Demo_render_through_the_bundle_equals_the_cli_render()
    {
        string demo = Path.Combine(TestPaths.RepositoryRoot, "models", "demo", "demo.mid");
        string cliWav = Path.Combine(_work, "cli.wav"), hostWav = Path.Combine(_work, "host.wav");
        var cli = RenderCommand.Execute(new RenderCommand.RenderOptions(demo, cliWav, RenderCommand.DefaultPreset,
            48000, 128, WavSampleFormat.Float32, null));

        string seconds = (cli.Frames / 48000.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        NativeHostRunner.RunOk(_log, "render-midi", NativeHostRunner.Bundle!, "--class", Instrument, "--midi", demo,
            "--out", hostWav, "--sample-rate", "48000", "--block-size", "128", "--seconds", seconds, "--engine", "raw");
        var host = AudioFile.Read(hostWav);

        Assert.Equal(cli.ChannelCount, host.ChannelCount);
        Assert.InRange(host.Frames, cli.Frames - 1, cli.Frames + 1);
        int frames = Math.Min(host.Frames, cli.Frames);
        double maxDifference = 0;
        for (int c = 0; c < cli.ChannelCount; c++)
            for (int i = 0; i < frames; i++)
                maxDifference = Math.Max(maxDifference, Math.Abs(host.Channels[c][i] - cli.Channels[c][i]));
        _log.WriteLine($"demo: {frames} frames, max |host - cli| = {maxDifference:G3}");
        Assert.True(maxDifference <= 1e-5, $"max difference {maxDifference:G3} exceeds 1e-5");
        Assert.True(cli.Channels[0].Max(Math.Abs) > 0.1, "the reference render is silent");
    }

    /// <summary>
    /// The live generator inside the NativeAOT bundle (ONNX Runtime loaded from the bundle's own folder): a DAW
    /// bounce (processMode kOffline, 120 BPM from the host's raw engine) with only the Generator parameter on
    /// has music in every bar.
    /// </summary>
    [NativeHostFact]
    public void Offline_bounce_with_the_generator_on_has_music_in_every_bar()
    {
        string wav = Path.Combine(_work, "generated.wav");
        NativeHostRunner.RunOk(_log, "render-midi", NativeHostRunner.Bundle!, "--class", Instrument, "--engine", "raw", "--offline",
            "--seconds", "8", "--set", $"{Generation.Instrument.GeneratorParameters.Enabled}=1", "--out", wav);
        var audio = AudioFile.Read(wav);
        const int barFrames = 2 * 48000; // 4/4 at 120 BPM
        for (int bar = 0; bar < 4; bar++)
        {
            double energy = 0;
            for (int i = bar * barFrames; i < (bar + 1) * barFrames; i++) energy += audio.Channels[0][i] * audio.Channels[0][i];
            _log.WriteLine($"bar {bar + 1}: energy {energy:F1}");
            Assert.True(energy > 1.0, $"bar {bar + 1} is (nearly) silent: energy {energy:G3}");
        }
    }

    [NativeHostFact]
    public void State_roundtrip_passes_for_both_classes()
    {
        // Audio to MIDI has only toggles, which the host's round trip (arbitrary normalized values) cannot use.
        foreach (string name in new[] { Instrument, Effect })
            Assert.Contains("state-roundtrip: OK", NativeHostRunner.RunOk(_log, "state-roundtrip", NativeHostRunner.Bundle!, "--class", name));
    }

    [NativeHostFact]
    public void Fuzzed_states_are_survived_for_both_classes()
    {
        foreach (string name in new[] { Instrument, Effect, AudioToMidi })
            Assert.Contains("fuzz-state: OK", NativeHostRunner.RunOk(_log, "fuzz-state", NativeHostRunner.Bundle!, "--class", name, "--count", "100"));
    }

    [NativeHostFact]
    public void Load_unload_cycles_pass_for_both_classes()
    {
        foreach (string name in new[] { Instrument, Effect, AudioToMidi })
            Assert.Contains("load-unload: OK", NativeHostRunner.RunOk(_log, "load-unload", NativeHostRunner.Bundle!, "--class", name, "--count", "50"));
    }

    /// <summary>The host's own checklist: block-size and sample-rate invariance, sample-accurate automation, state.</summary>
    [NativeHostFact]
    public void Host_selftest_passes_with_strict_automation()
    {
        string midi = Path.Combine(_work, "test.mid");
        NativeHostRunner.RunOk(_log, "make-test-midi", midi);
        // Audio to MIDI is checked on its own (below): its two seconds of latency exceed the selftest's one-second signal.
        foreach (string name in new[] { Instrument, Effect })
        {
            string output = NativeHostRunner.RunOk(_log, "selftest", NativeHostRunner.Bundle!, "--class", name,
                "--work-dir", Path.Combine(_work, "selftest-" + name.Replace(' ', '-')), "--midi", midi, "--strict-automation");
            Assert.Contains(" 0 failed", output);
        }
    }
}
