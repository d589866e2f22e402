using NeuralSynth.Ddsp.Timbre;
using NeuralSynth.Engine;
using NeuralSynth.Engine.Presets;
using NeuralSynth.Engine.Synth;

namespace NeuralSynth.Ddsp;

/// <summary>A synth engine whose voices are driven by a trained decoder, with the preset that chose it.</summary>
internal sealed class DdspInstrument : IDisposable
{
    private DdspInstrument(SynthEngine engine, DdspTimbreSource source, Preset? preset)
    {
        Engine = engine;
        Source = source;
        Preset = preset;
    }

    public SynthEngine Engine { get; }
    public DdspTimbreSource Source { get; }
    public Preset? Preset { get; }

    /// <summary>
    /// From a preset (name in presets/ or path) with models.decoder, or from a bare instrument name / decoder
    /// path (then no preset parameters are applied). Call <see cref="SynthEngine.Prepare"/> afterwards.
    /// </summary>
    public static DdspInstrument Create(string presetOrInstrument)
    {
        Preset? preset = null;
        string? presetPath = TryPreset(presetOrInstrument);
        var engine = new SynthEngine();
        if (presetPath != null)
        {
            preset = PresetLoader.Load(presetPath, engine.Registry, ProductPaths.Models);
            var attached = Attach(engine, preset) ?? throw new InvalidInputException($"{presetPath}: models.decoder: the preset names no DDSP decoder");
            return new DdspInstrument(engine, attached, preset);
        }
        var source = DdspTimbreSource.Load(DdspCatalog.ResolveDecoder(presetOrInstrument));
        engine.SetTimbreSource(source);
        return new DdspInstrument(engine, source, null);
    }

    /// <summary>
    /// For the render path: applies a loaded preset's parameters and, when it has models.decoder, plugs that
    /// decoder into <paramref name="engine"/>. Returns the source (dispose it with the engine) or null.
    /// </summary>
    public static DdspTimbreSource? Attach(SynthEngine engine, Preset preset)
    {
        PresetLoader.Apply(preset, engine.Parameters);
        if (!preset.Models.TryGetValue("decoder", out var decoder)) return null;
        var source = DdspTimbreSource.Load(decoder);
        engine.SetTimbreSource(source);
        return source;
    }

    private static string? TryPreset(string nameOrPath)
    {
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(nameOrPath) &&
            !string.Equals(Path.GetFileName(nameOrPath), "manifest.json", StringComparison.OrdinalIgnoreCase))
            return nameOrPath;
        if (nameOrPath.IndexOfAny(['/', '\\', ':']) >= 0) return null;
        string candidate = Path.Combine(ProductPaths.Presets, nameOrPath + ".json");
        return File.Exists(candidate) ? candidate : null;
    }

    public void Dispose() => Source.Dispose();
}
