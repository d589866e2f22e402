using NeuralSynth.Cli.Commands;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Midi;
using NeuralSynth.Vst3.Abi;
using NeuralSynth.Vst3.Plugin;
using NeuralSynth.Vst3.Tests.Harness;

namespace NeuralSynth.Vst3.Tests;

/// <summary>
/// The demo song played through the plug-in's ABI the way a VST3 host plays a MIDI file (notes in the event
/// list, controllers as IMidiMapping parameter points at their sample) equals the CLI's render. The same check
/// against the native host runs in NativeHostTests; this one needs no native build.
/// </summary>
public sealed class DemoRenderTests : IDisposable
{
    private const int SampleRate = 48000, Block = 128;
    private readonly string _work = Directory.CreateTempSubdirectory("neuralsynth-demo-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Demo_through_the_abi_equals_the_cli_render()
    {
        string demo = Path.Combine(TestPaths.RepositoryRoot, "models", "demo", "demo.mid");
        var cli = RenderCommand.Execute(new RenderCommand.RenderOptions(demo, Path.Combine(_work, "cli.wav"),
            RenderCommand.DefaultPreset, SampleRate, Block, WavSampleFormat.Float32, null));
        var sequence = MidiFileLoader.Load(demo);

        using var plugin = new PluginInstance(PluginKind.Instrument, SampleRate, Block);
        var notes = new FakeEventList();
        int next = 0;
        double maxDifference = 0;
        for (int start = 0; start < cli.Frames; start += Block)
        {
            int frames = Math.Min(Block, cli.Frames - start);
            notes.Events.Clear();
            var changes = new FakeParameterChanges();
            while (next < sequence.Events.Count && (long)Math.Round(sequence.Events[next].Seconds * SampleRate) < start + frames)
            {
                int offset = (int)Math.Max(0, Math.Round(sequence.Events[next].Seconds * SampleRate) - start);
                AddAsHostWould(sequence.Events[next++].Event, offset, notes, changes);
            }
            float[][] output = plugin.Process(frames, notes, changes);
            changes.Release();
            for (int c = 0; c < cli.ChannelCount; c++)
                for (int i = 0; i < frames; i++)
                    maxDifference = Math.Max(maxDifference, Math.Abs(output[c][i] - cli.Channels[c][start + i]));
        }
        notes.Release();
        Assert.True(maxDifference <= 1e-5, $"max |plugin - cli| = {maxDifference:G3}");
    }

    /// <summary>What a host sends for one MIDI message: a note event, or a mapped controller's normalized value.</summary>
    private static void AddAsHostWould(in EngineEvent e, int offset, FakeEventList notes, FakeParameterChanges changes)
    {
        switch (e.Kind)
        {
            case EngineEventKind.NoteOn when e.Value > 0:
                notes.NoteOn(offset, e.Data, e.Value, e.Channel);
                break;
            case EngineEventKind.NoteOn or EngineEventKind.NoteOff:
                notes.NoteOff(offset, e.Data, e.Channel);
                break;
            case EngineEventKind.ControlChange:
                changes.Point((uint)ParameterIds.Midi(e.Channel, e.Data), offset, Math.Round(e.Value * 127) / 127.0);
                break;
            case EngineEventKind.PitchBend:
                changes.Point((uint)ParameterIds.Midi(e.Channel, Vst.CtrlPitchBend), offset, Math.Round(e.Value * 8192 + 8192) / 16383.0);
                break;
            case EngineEventKind.ChannelPressure:
                changes.Point((uint)ParameterIds.Midi(e.Channel, Vst.CtrlAfterTouch), offset, Math.Round(e.Value * 127) / 127.0);
                break;
        }
    }
}
