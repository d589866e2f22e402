namespace NeuralSynth.Neural.Tests;

/// <summary>
/// Deterministic Karplus-Strong plucks for effect tests: the recipe's pluck definition (audio.karplus_strong:
/// pitch 70-700 Hz, decay, excitation smoothed by a random one-pole for pluck brightness) driven by .NET's
/// seeded generator instead of numpy's, so it is audio no model has seen, regenerated bit-identically in
/// every run instead of committing a WAV.
/// </summary>
internal static class Plucks
{
    public static float[] Generate(int seed, double seconds, int rate = 48000, float peak = 0.5f)
    {
        var random = new Random(seed);
        int total = (int)(seconds * rate);
        var output = new double[total];
        for (int start = 0; start < total;)
        {
            int period = (int)(rate / (70 * Math.Pow(10, random.NextDouble())));
            int length = Math.Min(total - start, (int)(rate * (0.25 + 1.25 * random.NextDouble())));
            if (length < 2 * period) break;
            double rho = 0.990 + 0.0095 * random.NextDouble(), gain = 0.3 + 0.7 * random.NextDouble();
            var line = new double[period];
            double smooth = 0.9 * random.NextDouble();
            for (int i = 0; i < period; i++) line[i] = 2 * random.NextDouble() - 1;
            for (int i = 1; i < period; i++) line[i] = (1 - smooth) * line[i] + smooth * line[i - 1];
            double previous = 0;
            for (int i = 0; i < length; i++)
            {
                // y[n] = rho/2 (y[n-P] + y[n-P-1]): the delay line holds the last P outputs.
                double y = line[i % period];
                output[start + i] += gain * y;
                line[i % period] = 0.5 * rho * (y + previous);
                previous = y;
            }
            start += Math.Max(period, (int)(length * (0.3 + 0.7 * random.NextDouble())));
        }
        double max = output.Max(Math.Abs);
        return output.Select(v => (float)(v / max * peak)).ToArray();
    }
}
