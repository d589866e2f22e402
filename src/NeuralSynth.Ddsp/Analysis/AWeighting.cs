namespace NeuralSynth.Ddsp.Analysis;

/// <summary>IEC 61672 A-weighting as a linear amplitude gain, 1 at 1 kHz (same formula as the recipe's common.py).</summary>
internal static class AWeighting
{
    public static double Gain(double frequency)
    {
        double f2 = frequency * frequency;
        double ra = 12194.0 * 12194.0 * f2 * f2 /
                    ((f2 + 20.6 * 20.6) * Math.Sqrt((f2 + 107.7 * 107.7) * (f2 + 737.9 * 737.9)) * (f2 + 12194.0 * 12194.0));
        return ra * Math.Pow(10.0, 2.0 / 20.0);
    }
}
