using NeuralSynth.Transcription.Model;

namespace NeuralSynth.Transcription.Notes;

/// <summary>
/// Per-frame pitch deviation of a note, read from the 3-bins-per-semitone contour output: the
/// strongest contour bin within ±25 bins of the note's nominal bin, weighted by a Gaussian
/// (σ = 5 bins) so that neighbouring notes do not capture the estimate.
/// </summary>
internal static class PitchBendEstimator
{
    private const int Tolerance = 25;
    private const int WindowLength = 2 * Tolerance + 1;
    private static readonly double[] Gaussian = BuildGaussian();

    public static int[] Estimate(ActivationMatrix contour, FrameNote note) => Estimate(contour.Data, contour.Bins, note);

    /// <summary>The same over a row-major contour <paramref name="bins"/> wide whose row 0 is frame 0 of the note's frames.</summary>
    public static int[] Estimate(ReadOnlySpan<float> contour, int bins, FrameNote note)
    {
        int center = ContourBinOf(note.MidiPitch);
        int from = Math.Max(center - Tolerance, 0);
        int to = Math.Min(bins, center + Tolerance + 1);
        int gaussianOffset = Math.Max(0, Tolerance - center);
        int shift = Tolerance - gaussianOffset;

        var bends = new int[Math.Max(0, note.EndFrame - note.StartFrame)];
        for (int t = note.StartFrame; t < note.EndFrame; t++)
        {
            double best = double.NegativeInfinity;
            int bestIndex = 0;
            for (int f = from; f < to; f++)
            {
                double v = contour[t * bins + f] * Gaussian[gaussianOffset + f - from];
                if (v > best)
                {
                    best = v;
                    bestIndex = f - from;
                }
            }

            bends[t - note.StartFrame] = bestIndex - shift;
        }

        return bends;
    }

    /// <summary>Contour bin whose centre is the MIDI pitch (bin 0 is centred on A0 = 27.5 Hz).</summary>
    internal static int ContourBinOf(int midiPitch)
    {
        double hz = 440.0 * Math.Pow(2.0, (midiPitch - 69) / 12.0);
        double bin = 12.0 * BasicPitchConstants.ContourBinsPerSemitone * Math.Log2(hz / BasicPitchConstants.BaseFrequencyHz);
        return (int)Math.Round(bin, MidpointRounding.ToEven);
    }

    private static double[] BuildGaussian()
    {
        var w = new double[WindowLength];
        for (int n = 0; n < WindowLength; n++)
        {
            double z = (n - Tolerance) / 5.0;
            w[n] = Math.Exp(-0.5 * z * z);
        }

        return w;
    }
}
