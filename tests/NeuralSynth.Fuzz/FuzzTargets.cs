using System.Text;
using NeuralSynth.Engine.Audio;
using NeuralSynth.Engine.Midi;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Neural.Nam;
using NeuralSynth.Neural.Sequence;

namespace NeuralSynth.Fuzz;

/// <summary>Every parser that reads user- or internet-supplied bytes.</summary>
public static class FuzzTargets
{
    private static readonly string ModelsRoot = Path.Combine(Path.GetTempPath(), "neuralsynth-fuzz-models");

    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("midi", "midi", ".mid", bytes => MidiFileLoader.Load(bytes, "fuzz.mid")),
        new FuzzTarget("wav", "wav", ".wav", bytes =>
        {
            using var stream = new MemoryStream(bytes, writable: false);
            AudioFile.Read(stream, "fuzz.wav");
        }),
        new FuzzTarget("preset", "preset", ".json", bytes =>
        {
            Directory.CreateDirectory(ModelsRoot);
            PresetLoader.Parse(bytes, "fuzz.json", SynthParameters.CreateRegistry(), ModelsRoot);
        }),
        new FuzzTarget("nam", "nam", ".nam", bytes => NamModelLoader.Parse(bytes, "fuzz.nam")),
        new FuzzTarget("sequence-json", "sequence-json", ".json", bytes => SequenceModelLoader.Parse(bytes, "fuzz.json")),
        new FuzzTarget("ddsp-manifest", "ddsp-manifest", ".json", bytes =>
            NeuralSynth.Ddsp.Model.DecoderManifest.Load(WriteManifest(bytes))),
        new FuzzTarget("effect-manifest", "effect-manifest", ".json", bytes =>
            NeuralSynth.Neural.Effects.EffectManifest.Load(WriteManifest(bytes))),
        new FuzzTarget("generator-manifest", "generator-manifest", ".json", bytes =>
            NeuralSynth.Generation.Model.GeneratorModelInfo.Load(Path.Combine(Path.GetDirectoryName(WriteManifest(bytes))!, "model.onnx"))),
    };

    /// <summary>Manifests are read from their model's folder: each input is written as manifest.json in a private one.</summary>
    private static string WriteManifest(byte[] bytes)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"neuralsynth-fuzz-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "manifest.json");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException(
            $"unknown fuzz target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}");

    /// <summary>Runs a target on one input; returns null when it behaved, or a description of the finding.</summary>
    public static string? Check(FuzzTarget target, byte[] input)
    {
        try
        {
            target.Parse(input);
            return null;
        }
        catch (Exception e) when (FuzzTarget.IsExpectedRefusal(e))
        {
            string message = e.Message;
            if (message.Contains('\n')) return $"multi-line error message: {message}";
            if (message.Length == 0) return "empty error message";
            return null;
        }
        catch (Exception e)
        {
            return $"{e.GetType().Name}: {e.Message.Split('\n')[0]}";
        }
    }

    public static string Describe(byte[] input) =>
        input.Length <= 64 ? Convert.ToHexString(input) : Convert.ToHexString(input.AsSpan(0, 64)) + $"... ({input.Length} bytes)";

    internal static string Utf8(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
