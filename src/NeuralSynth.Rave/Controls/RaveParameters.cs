using System.Globalization;
using NeuralSynth.Engine.Parameters;

namespace NeuralSynth.Rave.Controls;

/// <summary>
/// Stable ids and keys of the RAVE processor's parameters (3000–3099; ids never renumbered, only appended).
/// Latent dimensions are zero-based, as in the manifest and on the command line (<c>--bias 0=0.5</c>);
/// dimensions beyond a model's latent size are ignored.
/// </summary>
public static class RaveParameters
{
    public const int Mix = 3000;
    public const int Noise = 3001;
    public const int Temperature = 3002;
    public const int Freeze = 3003;
    public const int Generate = 3004;
    public const int Transpose = 3005;
    public const int BiasBase = 3010;
    public const int ScaleBase = 3030;
    public const int ControlledDimensions = 16;

    public static int Bias(int dimension) => BiasBase + CheckDimension(dimension);
    public static int Scale(int dimension) => ScaleBase + CheckDimension(dimension);

    public static ParameterRegistry CreateRegistry()
    {
        var specs = new List<ParameterSpec>
        {
            new(Mix, "rave.mix", "Dry/Wet", "%", 0f, 100f, 100f),
            new(Noise, "rave.noise", "Latent Noise", "σ", 0f, 2f, 0f),
            new(Temperature, "rave.temperature", "Prior Temperature", "", 0f, 2f, 1f),
            new(Freeze, "rave.freeze", "Latent Freeze", "", 0f, 1f, 0f, ParameterScale.Toggle),
            new(Generate, "rave.generate", "Generate (no input)", "", 0f, 1f, 0f, ParameterScale.Toggle),
            // Moves the pitch latent of models that have one (others ignore it): the output plays transposed, in
            // whole semitones as a transposer's knob steps.
            new(Transpose, "rave.transpose", "Transpose", "st", -24f, 24f, 0f, ParameterScale.Stepped),
        };
        for (int d = 0; d < ControlledDimensions; d++)
        {
            string n = d.ToString(CultureInfo.InvariantCulture);
            specs.Add(new ParameterSpec(Bias(d), $"rave.bias.{n}", $"Latent {n} Bias", "", -4f, 4f, 0f));
            specs.Add(new ParameterSpec(Scale(d), $"rave.scale.{n}", $"Latent {n} Scale", "", -2f, 3f, 1f));
        }
        return new ParameterRegistry(specs);
    }

    private static int CheckDimension(int dimension) =>
        dimension is >= 0 and < ControlledDimensions ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension));
}
