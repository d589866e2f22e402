namespace NeuralSynth.Generation.Sampling;

/// <summary>
/// Temperature / top-k / top-p sampling over logits in which forbidden tokens are already -inf. All buffers are
/// preallocated so a sampling step does not allocate (the live generator runs it continuously).
/// </summary>
internal sealed class TokenSampler(int vocabSize)
{
    private readonly float[] _keys = new float[vocabSize];
    private readonly int[] _order = new int[vocabSize];
    private readonly double[] _probs = new double[vocabSize];

    public int Sample(ReadOnlySpan<float> logits, SamplingOptions options, DeterministicRandom rng)
    {
        int n = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if (float.IsNegativeInfinity(logits[i]) || float.IsNaN(logits[i])) continue;
            _keys[n] = -logits[i]; // ascending sort of negated logits = most likely first
            _order[n] = i;
            n++;
        }
        if (n == 0) throw new InvalidOperationException("every token is masked");
        // Introsort is not stable, but it is deterministic: identical logits always give the same order.
        Array.Sort(_keys, _order, 0, n);
        if (options.Temperature <= 0f || n == 1) return _order[0];

        if (options.TopK > 0) n = Math.Min(n, options.TopK);
        double max = -_keys[0], sum = 0;
        for (int i = 0; i < n; i++)
        {
            _probs[i] = Math.Exp((-_keys[i] - max) / options.Temperature);
            sum += _probs[i];
        }
        if (options.TopP < 1f)
        {
            double cumulative = 0, target = options.TopP * sum;
            int keep = n;
            for (int i = 0; i < n; i++)
            {
                cumulative += _probs[i];
                if (cumulative >= target) { keep = i + 1; break; }
            }
            n = keep;
            sum = cumulative >= target ? cumulative : sum;
        }
        double u = rng.NextDouble() * sum;
        for (int i = 0; i < n; i++)
        {
            u -= _probs[i];
            if (u < 0) return _order[i];
        }
        return _order[n - 1];
    }
}
