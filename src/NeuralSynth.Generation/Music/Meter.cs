namespace NeuralSynth.Generation.Music;

/// <summary>
/// The time signatures the tokenizer can express. Bars are at most 16 sixteenths long so one Position
/// vocabulary of 16 entries covers every meter; anything else is read as 4/4 (documented in the README).
/// </summary>
public enum Meter
{
    TwoFour,
    ThreeFour,
    FourFour,
    SixEight,
}

internal static class MeterExtensions
{
    public static int StepsPerBar(this Meter meter) => meter switch
    {
        Meter.TwoFour => 8,
        Meter.ThreeFour => 12,
        Meter.SixEight => 12,
        _ => 16,
    };

    public static (int Numerator, int Denominator) Fraction(this Meter meter) => meter switch
    {
        Meter.TwoFour => (2, 4),
        Meter.ThreeFour => (3, 4),
        Meter.SixEight => (6, 8),
        _ => (4, 4),
    };

    public static Meter FromFraction(int numerator, int denominator) => (numerator, denominator) switch
    {
        (2, 4) => Meter.TwoFour,
        (3, 4) => Meter.ThreeFour,
        (6, 8) => Meter.SixEight,
        _ => Meter.FourFour,
    };

    public static string Label(this Meter meter)
    {
        var (n, d) = meter.Fraction();
        return $"{n}/{d}";
    }
}
