using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Engine.Tests;

internal static class TestSupport
{
    public static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plugin.sln"))) return dir.FullName;
        throw new InvalidOperationException("Plugin.sln not found above the test folder");
    }

    public static string DemoMidi => Path.Combine(RepoRoot, "models", "demo", "demo.mid");

    public static SynthEngine PreparedEngine(double sampleRate = 48000, int blockSize = 128, Action<SynthEngine>? configure = null)
    {
        var engine = new SynthEngine();
        engine.Prepare(sampleRate, blockSize, 2);
        configure?.Invoke(engine);
        return engine;
    }

    /// <summary>A pure, steady tone setup: no vibrato, no noise, no tilt surprises.</summary>
    public static void Steady(SynthEngine engine, int harmonics = 64)
    {
        var p = engine.Parameters;
        p.SetImmediate(SynthParameters.VibratoDepth, 0);
        p.SetImmediate(SynthParameters.ModWheelVibrato, 0);
        p.SetImmediate(SynthParameters.NoiseLevel, -80);
        p.SetImmediate(SynthParameters.HarmonicCount, harmonics);
        p.SetImmediate(SynthParameters.Sustain, 100);
        p.SetImmediate(SynthParameters.Attack, 1);
    }

    /// <summary>Renders <paramref name="frames"/> samples of channel 0 with events at absolute sample positions.</summary>
    public static float[] Render(SynthEngine engine, int frames, int blockSize, IEnumerable<(long At, EngineEvent Event)>? events = null)
    {
        var ordered = (events ?? Array.Empty<(long, EngineEvent)>()).OrderBy(e => e.At).ToArray();
        var output = new[] { new float[frames], new float[frames] };
        var blockEvents = new List<EngineEvent>();
        int next = 0;
        for (int start = 0; start < frames; start += blockSize)
        {
            int length = Math.Min(blockSize, frames - start);
            blockEvents.Clear();
            while (next < ordered.Length && ordered[next].At < start + length)
            {
                blockEvents.Add(ordered[next].Event with { SampleOffset = (int)(ordered[next].At - start) });
                next++;
            }
            engine.Process(new AudioBlock(output, start, length), blockEvents.ToArray());
        }
        return output[0];
    }
}
