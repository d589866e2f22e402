using System.Text.Json;
using NeuralSynth.Generation.Music;

namespace NeuralSynth.Generation.Tokens;

/// <summary>
/// The fixed REMI vocabulary: each <see cref="TokenKind"/> owns a contiguous id range. The order here is the
/// contract with the trained model (vocab.json is written from it), so entries are only ever appended.
/// </summary>
internal static class RemiVocabulary
{
    private static readonly int[] Counts = BuildCounts();
    private static readonly int[] Offsets = BuildOffsets();
    private static readonly string[] Names = BuildNames();

    public static int Size => Names.Length;

    public static int Pad => Id(TokenKind.Pad, 0);
    public static int Bos => Id(TokenKind.Bos, 0);
    public static int Eos => Id(TokenKind.Eos, 0);
    public static int Bar => Id(TokenKind.Bar, 0);

    public static int Count(TokenKind kind) => Counts[(int)kind];

    public static int Offset(TokenKind kind) => Offsets[(int)kind];

    public static int Id(TokenKind kind, int value)
    {
        if ((uint)value >= (uint)Counts[(int)kind]) throw new ArgumentOutOfRangeException(nameof(value), $"{kind} value {value}");
        return Offsets[(int)kind] + value;
    }

    public static TokenKind KindOf(int id)
    {
        if ((uint)id >= (uint)Size) throw new ArgumentOutOfRangeException(nameof(id));
        int k = Offsets.Length - 1;
        while (Offsets[k] > id) k--;
        return (TokenKind)k;
    }

    public static int ValueOf(int id) => id - Offsets[(int)KindOf(id)];

    public static string Name(int id) => Names[id];

    public static IReadOnlyList<string> AllNames => Names;

    public static int PitchId(int midiPitch) => Id(TokenKind.Pitch, midiPitch - Quantization.MinPitch);

    public static int PitchOf(int id) => ValueOf(id) + Quantization.MinPitch;

    public static int DurationId(int steps) => Id(TokenKind.Duration, steps - Quantization.MinDuration);

    public static int DurationOf(int id) => ValueOf(id) + Quantization.MinDuration;

    /// <summary>vocab.json: the token names in id order plus the per-kind ranges the sampler's grammar uses.</summary>
    public static string ToJson()
    {
        var ranges = Enum.GetValues<TokenKind>().ToDictionary(k => k.ToString(), k => new[] { Offset(k), Count(k) });
        return JsonSerializer.Serialize(new { scheme = "remi-ns-2", size = Size, tokens = Names, ranges },
            new JsonSerializerOptions { WriteIndented = true });
    }

    private static int[] BuildCounts()
    {
        var c = new int[Enum.GetValues<TokenKind>().Length];
        c[(int)TokenKind.Pad] = 1;
        c[(int)TokenKind.Bos] = 1;
        c[(int)TokenKind.Eos] = 1;
        c[(int)TokenKind.KeyAttr] = 24;
        c[(int)TokenKind.MeterAttr] = Enum.GetValues<Meter>().Length;
        c[(int)TokenKind.TempoAttr] = MusicAttributes.TempoClasses;
        c[(int)TokenKind.DensityAttr] = MusicAttributes.DensityBuckets;
        c[(int)TokenKind.RangeAttr] = MusicAttributes.RangeBuckets;
        c[(int)TokenKind.EmotionAttr] = Enum.GetValues<Emotion>().Length;
        c[(int)TokenKind.Bar] = 1;
        c[(int)TokenKind.Position] = Quantization.MaxBarSteps;
        c[(int)TokenKind.Tempo] = Quantization.TempoBuckets.Length;
        c[(int)TokenKind.Chord] = 12 * ChordDetector.QualityCount;
        c[(int)TokenKind.Pitch] = Quantization.MaxPitch - Quantization.MinPitch + 1;
        c[(int)TokenKind.Velocity] = Quantization.VelocityBins;
        c[(int)TokenKind.Duration] = Quantization.MaxDuration - Quantization.MinDuration + 1;
        c[(int)TokenKind.TonicAttr] = MusicAttributes.TonicBuckets;
        c[(int)TokenKind.RegisterAttr] = MusicAttributes.RegisterBuckets;
        c[(int)TokenKind.RhythmAttr] = MusicAttributes.RhythmBuckets;
        return c;
    }

    private static int[] BuildOffsets()
    {
        var o = new int[Counts.Length];
        for (int i = 1; i < o.Length; i++) o[i] = o[i - 1] + Counts[i - 1];
        return o;
    }

    private static string[] BuildNames()
    {
        var names = new List<string>();
        foreach (TokenKind kind in Enum.GetValues<TokenKind>())
        {
            for (int v = 0; v < Counts[(int)kind]; v++) names.Add(NameOf(kind, v));
        }
        return names.ToArray();
    }

    private static string NameOf(TokenKind kind, int v) => kind switch
    {
        TokenKind.Pad => "Pad",
        TokenKind.Bos => "Bos",
        TokenKind.Eos => "Eos",
        TokenKind.Bar => "Bar",
        TokenKind.KeyAttr => $"Key_{PitchClass.Name(v % 12)}_{(v < 12 ? "major" : "minor")}",
        TokenKind.MeterAttr => $"Meter_{((Meter)v).Label()}",
        TokenKind.TempoAttr => $"TempoClass_{v}",
        TokenKind.DensityAttr => $"Density_{v}",
        TokenKind.RangeAttr => $"Range_{v}",
        TokenKind.EmotionAttr => $"Emotion_{(Emotion)v}",
        TokenKind.Position => $"Position_{v}",
        TokenKind.Tempo => $"Tempo_{Quantization.TempoBuckets[v]:0}",
        TokenKind.Chord => $"Chord_{PitchClass.Name(v / ChordDetector.QualityCount)}_{(ChordQuality)(v % ChordDetector.QualityCount)}",
        TokenKind.Pitch => $"Pitch_{v + Quantization.MinPitch}",
        TokenKind.Velocity => $"Velocity_{v}",
        TokenKind.Duration => $"Duration_{v + Quantization.MinDuration}",
        TokenKind.TonicAttr => $"Tonic_{v}",
        TokenKind.RegisterAttr => $"Register_{v}",
        TokenKind.RhythmAttr => $"Rhythm_{v}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
