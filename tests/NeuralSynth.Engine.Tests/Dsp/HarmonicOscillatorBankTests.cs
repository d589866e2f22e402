using NeuralSynth.Engine.Dsp;
using Xunit;
using Xunit.Abstractions;

namespace NeuralSynth.Engine.Tests.Dsp;

/// <summary>
/// The bank against Σ a_k(n)·sin(k·φ(n)) evaluated sample by sample in double with Math.Sin (the oracle shares
/// nothing with the bank's recurrences): random harmonics, a new frequency every 32-sample tick (vibrato), the
/// phase advanced in double between ticks as Voice does, amplitudes ramping linearly over each tick, and segments
/// that split ticks the way host blocks do.
/// </summary>
public class HarmonicOscillatorBankTests(ITestOutputHelper output)
{
    private const int Tick = 32, Harmonics = 100;

    [Theory]
    [InlineData(27.5, 44100)]
    [InlineData(110.0, 48000)]
    [InlineData(440.0, 48000)]
    [InlineData(1760.0, 96000)]
    public void MatchesDoublePrecisionSineSum(double f0, int sampleRate)
    {
        double error = RelativeError(f0, sampleRate, sampleRate / Tick, _ => Harmonics);
        output.WriteLine($"f0 {f0} Hz at {sampleRate} Hz: worst error {error:E2} of the peak");
        Assert.True(error < 2.5e-6, $"worst error {error:E2} of the peak");
    }

    /// <summary>Every number of active vectors the renderer groups differently (fours, fives, padded fours), and a
    /// count that changes every tick, so harmonics leave and rejoin the active range.</summary>
    [Fact]
    public void EveryHarmonicCountAndChangingCountsStayExact()
    {
        double worst = 0;
        for (int harmonics = 1; harmonics <= Harmonics; harmonics += 3)
            worst = Math.Max(worst, RelativeError(100.0, 48000, 40, _ => harmonics));
        var random = new Random(11);
        worst = Math.Max(worst, RelativeError(100.0, 48000, 600, _ => random.Next(0, Harmonics + 1)));
        output.WriteLine($"worst error {worst:E2} of the peak");
        Assert.True(worst < 2.5e-6, $"worst error {worst:E2} of the peak");
    }

    private static double RelativeError(double f0, int sampleRate, int ticks, Func<int, int> audibleHarmonics)
    {
        var random = new Random(7);
        var bank = new HarmonicOscillatorBank(Harmonics, Tick);
        var amplitudes = new float[Harmonics];
        double[] from = new double[Harmonics], to = new double[Harmonics];
        double phase = Math.PI / 2, worst = 0, scale = 1e-9;
        var rendered = new float[Tick];
        for (int t = 0; t < ticks; t++)
        {
            double omega = 2 * Math.PI * f0 * (1 + 0.01 * Math.Sin(2 * Math.PI * 5.5 * t * Tick / sampleRate)) / sampleRate;
            Array.Copy(to, from, Harmonics);
            int count = audibleHarmonics(t);
            for (int k = 0; k < Harmonics; k++)
            {
                bool audible = k < count && (k + 1) * omega < Math.PI;
                amplitudes[k] = audible ? (float)(random.NextDouble() / (k + 1)) : 0f;
                to[k] = amplitudes[k];
            }
            bank.Sync(phase, omega, amplitudes, t == 0 ? 0 : Tick);
            if (t == 0) Array.Copy(to, from, Harmonics);
            // Two segments per tick, split at a varying point, as blocks of odd sizes split ticks.
            int split = 1 + t * 7 % (Tick - 1);
            bank.Render(rendered.AsSpan(0, split));
            bank.Render(rendered.AsSpan(split));
            for (int n = 0; n < Tick; n++)
            {
                double sum = 0;
                for (int k = 0; k < Harmonics; k++)
                {
                    double a = from[k] + (to[k] - from[k]) * n / Tick;
                    if (a != 0) sum += a * Math.Sin((k + 1) * (phase + n * omega));
                }
                worst = Math.Max(worst, Math.Abs(sum - rendered[n]));
                scale = Math.Max(scale, Math.Abs(sum));
            }
            phase += omega * Tick;
            phase -= 2 * Math.PI * Math.Floor(phase / (2 * Math.PI));
        }
        return worst / scale;
    }
}
