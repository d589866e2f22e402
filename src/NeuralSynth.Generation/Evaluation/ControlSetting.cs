using NeuralSynth.Generation.Api;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Evaluation;

/// <summary>
/// One requested combination of controls in the evaluation grid and what a listener should hear: the mode
/// follows the emotion's valence (happy and calm major, sad and tense minor), and the density is one of the two
/// bins on the emotion's side of the arousal boundary at that emotion's default tempo, or, at a fixed
/// <see cref="FixedTempo"/> (the tempo the first check used), the bin the resolver chooses for the emotion
/// there, so the model must carry arousal through density rather than tempo.
/// </summary>
/// <param name="Tempo">Null: the emotion's default tempo.</param>
public sealed record ControlSetting(int Tonic, Emotion Emotion, int Density, ulong Seed, double? Tempo = null)
{
    public const double FixedTempo = 100;

    public bool PositiveValence => Emotion is Emotion.Happy or Emotion.Calm;

    public bool HighArousal => Emotion is Emotion.Happy or Emotion.Tense;

    public Key Key => new(Tonic, PositiveValence ? Mode.Major : Mode.Minor);

    public GenerationRequest ToRequest(int bars, string? modelPath) => new(
        Bars: bars, Key: PitchClass.Name(Tonic), Emotion: Emotion.ToString(), Density: Density, Seed: Seed, ModelPath: modelPath,
        Tempo: Tempo);

    public GenerationRequest ToRequest(int bars, GenerationRequest template) => template with
    {
        Bars = bars, Key = PitchClass.Name(Tonic), Emotion = Emotion.ToString(), Density = Density, Seed = Seed, Tempo = Tempo,
    };

    /// <summary>File-name form, e.g. <c>A-Sad-d2-s3</c> or <c>A-Sad-d1-s3-t100</c>, so pieces made elsewhere can be judged by name.</summary>
    public string Name => $"{PitchClass.Name(Tonic)}-{Emotion}-d{Density}-s{Seed}" + (Tempo is { } t ? $"-t{t:0}" : "");

    public static ControlSetting? Parse(string name)
    {
        var parts = name.Split('-');
        if (parts.Length is < 4 or > 5 || !parts[2].StartsWith('d') || !parts[3].StartsWith('s')) return null;
        if (parts.Length == 5 && !parts[4].StartsWith('t')) return null;
        try
        {
            double? tempo = parts.Length == 5 ? double.Parse(parts[4][1..], System.Globalization.CultureInfo.InvariantCulture) : null;
            return new ControlSetting(PitchClass.Parse(parts[0]), Enum.Parse<Emotion>(parts[1]), int.Parse(parts[2][1..]), ulong.Parse(parts[3][1..]), tempo);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Engine.InvalidInputException)
        {
            return null;
        }
    }

    /// <summary>Densities on each side of the arousal boundary (5 notes/s) at the emotions' default tempos
    /// (108 BPM for happy and tense: 12–22 notes a bar is 5.4–9.9 per second; 70–76 BPM for sad and calm: 4–12 a bar
    /// is 1.2–3.8 per second).</summary>
    public static int[] DensitiesFor(Emotion emotion) => emotion is Emotion.Happy or Emotion.Tense ? [3, 4] : [1, 2];

    /// <summary>Tonics × the four emotions × (their two densities at the default tempo, and the resolver's density
    /// at <see cref="FixedTempo"/>) × seeds 1..<paramref name="seeds"/>.</summary>
    public static IReadOnlyList<ControlSetting> Grid(IEnumerable<int> tonics, int seeds) =>
        (from tonic in tonics
         from emotion in Enum.GetValues<Emotion>()
         from variant in DensitiesFor(emotion).Select(d => (Density: d, Tempo: (double?)null))
             .Append((AttributeResolver.DensityForArousal(AttributeResolver.IsHighArousal(emotion), FixedTempo, Meter.FourFour), FixedTempo))
         from seed in Enumerable.Range(1, seeds)
         select new ControlSetting(tonic, emotion, variant.Density, (ulong)seed, variant.Tempo)).ToList();
}
