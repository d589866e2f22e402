using NeuralSynth.Engine;
using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural.Effects;

namespace NeuralSynth.Neural;

/// <summary>
/// Opens any effect model file the engine can run, by extension, ready to process: <c>.nam</c>
/// (<see cref="NamProcessor"/>), <c>.json</c> GuitarML/RTNeural (<see cref="SequenceModelProcessor"/>) and
/// <c>.onnx</c> (<see cref="OnnxEffectProcessor"/>). A <c>manifest.json</c> beside a .json or .onnx model
/// supplies its training rate and knob names.
/// </summary>
public static class EffectModelFactory
{
    public static readonly string[] Extensions = [".nam", ".json", ".onnx"];

    /// <summary>Loads, prepares (allocates) and resets a model for the given rate and block size.</summary>
    /// <param name="provider">ONNX execution provider, "cpu" or "cuda"; ignored by the C# runtimes.</param>
    /// <param name="fastTanh">.nam only: NeuralAmpModelerCore's fast tanh (<see cref="NamProcessor.UseFastTanh"/>).</param>
    public static IAudioProcessor Load(string path, double sampleRate, int maxBlockSize, string provider = "cpu", int channels = 2, bool fastTanh = false)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"model file not found: {path}");
        IAudioProcessor processor = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".nam" => new NamProcessor(Nam.NamModelLoader.Load(path)) { UseFastTanh = fastTanh },
            ".json" => LoadSequence(path),
            ".onnx" => new OnnxEffectProcessor(path, EffectManifest.LoadBeside(path), provider),
            var ext => throw new InvalidInputException($"{Path.GetFileName(path)}: '{ext}' is not an effect model (expected {string.Join(", ", Extensions)})"),
        };
        processor.Prepare(sampleRate, maxBlockSize, channels);
        processor.Reset();
        return processor;
    }

    /// <summary>The model's knob names in order, empty for models without knobs.</summary>
    public static IReadOnlyList<string> KnobNames(IAudioProcessor processor) =>
        processor is IKnobConditioned knobs ? Enumerable.Range(0, knobs.KnobCount).Select(knobs.KnobName).ToArray() : [];

    /// <summary>Sets a knob by name (case-insensitive), e.g. from <c>--knob drive=0.7</c>.</summary>
    public static void SetKnob(IAudioProcessor processor, string name, float value)
    {
        var names = KnobNames(processor);
        int index = names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new InvalidInputException(names.Count == 0 ? $"this model has no knobs (asked for '{name}')"
                : $"unknown knob '{name}' (this model has: {string.Join(", ", names)})");
        ((IKnobConditioned)processor).SetKnob(index, value);
    }

    private static SequenceModelProcessor LoadSequence(string path)
    {
        var manifest = EffectManifest.LoadBeside(path);
        var model = Sequence.SequenceModelLoader.Load(path, manifest?.SampleRate ?? 48000);
        return new SequenceModelProcessor(model, EffectManifest.NamesFor(manifest, model.Controls.ControlCount, Path.GetFileName(path)));
    }
}
