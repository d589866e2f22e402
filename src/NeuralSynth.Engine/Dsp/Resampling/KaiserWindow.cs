namespace NeuralSynth.Engine.Dsp.Resampling;

/// <summary>The Kaiser window's shape function, shared by the resampling filter designs.</summary>
internal static class KaiserWindow
{
    /// <summary>Modified Bessel function of the first kind, order zero, by its power series.</summary>
    public static double BesselI0(double x)
    {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2.0;
        for (int k = 1; k < 500; k++)
        {
            term *= halfX / k;
            double square = term * term;
            sum += square;
            if (square < sum * 1e-17)
            {
                break;
            }
        }

        return sum;
    }
}
