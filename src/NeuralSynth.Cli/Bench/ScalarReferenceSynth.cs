namespace NeuralSynth.Cli.Bench;

/// <summary>
/// The textbook additive synth the benchmark compares against: one Math.Sin per harmonic per sample,
/// no SIMD, same voices and harmonics as the engine run. Not used for sound, only as a speed reference.
/// </summary>
public sealed class ScalarReferenceSynth
{
    private readonly double[] _phase;
    private readonly double[] _increment;
    private readonly int _harmonics;

    public ScalarReferenceSynth(IReadOnlyList<double> frequencies, int harmonics, double sampleRate)
    {
        _harmonics = harmonics;
        _phase = new double[frequencies.Count];
        _increment = frequencies.Select(f => 2 * Math.PI * f / sampleRate).ToArray();
    }

    public void Render(Span<float> output)
    {
        float weight = 1f / _harmonics;
        for (int s = 0; s < output.Length; s++)
        {
            double sum = 0;
            for (int v = 0; v < _phase.Length; v++)
            {
                double phase = _phase[v];
                for (int k = 1; k <= _harmonics; k++) sum += Math.Sin(k * phase) / k;
                _phase[v] = (phase + _increment[v]) % (2 * Math.PI);
            }
            output[s] = (float)sum * weight;
        }
    }
}
