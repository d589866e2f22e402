using System.Text.Json;
using NeuralSynth.Neural.Activations;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// Reads an activation from a .nam file: a name (<c>"Tanh"</c>) or, since format 0.6, an object with a
/// <c>type</c> and that type's parameters (<c>negative_slope</c>, <c>negative_slopes</c>, <c>min_val</c>...).
/// Defaults are NeuralAmpModelerCore's: slope 0.01, LeakyHardtanh knees at ±1 with slopes 0.01.
/// </summary>
internal static class NamActivationReader
{
    public static NamActivation Read(JsonReader value)
    {
        if (value.Kind == JsonValueKind.String) return FromName(value, value.AsString());
        if (value.Kind != JsonValueKind.Object) throw value.Error("must be an activation name or an object with a 'type'");
        value.OnlyKnownFields("type", "negative_slope", "negative_slopes", "min_val", "max_val", "min_slope", "max_slope");
        string type = value.String("type");
        switch (type)
        {
            case "LeakyReLU":
                return NamActivation.LeakyReLU(value.FloatOr("negative_slope", Activation.LeakySlope));
            case "PReLU":
                if (value.Has("negative_slope")) return NamActivation.PReLU([value.FloatOr("negative_slope", Activation.LeakySlope)]);
                if (value.Has("negative_slopes"))
                {
                    var slopes = value.Array("negative_slopes");
                    if (slopes.Length is < 1 or > NamLimits.MaxChannels)
                        throw value.Error("negative_slopes", $"must list 1..{NamLimits.MaxChannels} slopes");
                    return NamActivation.PReLU(slopes.Floats(NamLimits.MaxChannels));
                }
                return NamActivation.PReLU([Activation.LeakySlope]);
            case "LeakyHardtanh" or "LeakyHardTanh":
                float min = value.FloatOr("min_val", -1f), max = value.FloatOr("max_val", 1f);
                if (min > max) throw value.Error("min_val", "must not be larger than max_val");
                return NamActivation.LeakyHardTanh(min, max, value.FloatOr("min_slope", 0.01f), value.FloatOr("max_slope", 0.01f));
            default:
                return FromName(value, type, "type");
        }
    }

    private static NamActivation FromName(JsonReader reader, string name, string? field = null) => name switch
    {
        "LeakyReLU" => NamActivation.LeakyReLU(Activation.LeakySlope),
        "PReLU" => NamActivation.PReLU([Activation.LeakySlope]),
        "LeakyHardtanh" or "LeakyHardTanh" => NamActivation.LeakyHardTanh(-1f, 1f, 0.01f, 0.01f),
        "Softsign" => NamActivation.Softsign,
        _ => Activation.FromNamName(name) is ActivationKind kind
            ? NamActivation.Standard(kind)
            : throw (field is null ? reader.Error($"'{name}' is not a supported activation") : reader.Error(field, $"'{name}' is not a supported activation")),
    };
}
