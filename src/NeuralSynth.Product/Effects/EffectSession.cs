using NeuralSynth.Engine;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// The effect with one model loaded and its knobs set by name, ready to render offline: what the CLI's fx,
/// transfer and rave commands build (the plug-in builds the same <see cref="ProductEffect"/> from its parameters).
/// </summary>
public static class EffectSession
{
    public static ProductEffect Open(ModelEntry entry, int sampleRate, int block, int channels, string provider = "cpu", ulong seed = 1, bool fastTanh = false)
    {
        var effect = new ProductEffect(ModelLibrary.Of(entry)) { Offline = true, Provider = provider, Seed = seed, FastTanh = fastTanh };
        try
        {
            effect.Prepare(sampleRate, block, channels);
            effect.Models.LoadNow(1);
            if (effect.Models.LastError is { } error) throw new InvalidInputException(error);
            return effect;
        }
        catch
        {
            effect.Dispose();
            throw;
        }
    }

    /// <summary>Sets a knob (0..1) by the model's own name, case-insensitive.</summary>
    public static void SetKnob(ProductEffect effect, string name, float value)
    {
        var names = effect.Models.KnobNames;
        int index = names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (index < 0 || index >= EffectParameters.KnobCount)
            throw new InvalidInputException($"unknown knob '{name}' (this model has: {(names.Count == 0 ? "no knobs" : string.Join(", ", names))})");
        if (!(value >= 0 && value <= 1)) throw new InvalidInputException($"knob {name}: value must be 0..1");
        effect.Chain.Parameters.SetImmediate(EffectParameters.Knob(index), value);
    }

    /// <summary>Sets a chain parameter in plain units, checked against its range.</summary>
    public static void Set(ProductEffect effect, int id, float value, string what)
    {
        var spec = effect.Chain.Registry.GetById(id);
        if (!spec.Contains(value)) throw new InvalidInputException($"{what} {value}: must be {spec.Min}..{spec.Max} {spec.Unit}");
        effect.Chain.Parameters.SetImmediate(id, value);
    }
}
