namespace NeuralSynth.Engine.Dsp.Resampling;

/// <summary>
/// The low-pass a <see cref="StreamingResampler"/> converts through, designed for one rate pair: which input samples
/// around an output instant it weighs, and with what weights. The converter's streaming, phase bookkeeping and dot
/// products do not depend on it, so the design is a choice made apart from them.
/// </summary>
public interface IResamplingFilter
{
    /// <summary>Input samples one output weighs.</summary>
    int TapCount { get; }

    /// <summary>Where the first tap sits relative to the input sample at or before the output instant (zero or less).</summary>
    int FirstTapOffset { get; }

    /// <summary>
    /// Where weights are computed per output (a rate pair with too many phases to tabulate): true adds the taps one by
    /// one in order, false uses the same SIMD dot product as tabulated phases. Only the last bits differ; a design keeps
    /// the choice its outputs were recorded with.
    /// </summary>
    bool SumsTapByTap { get; }

    /// <summary>Writes the <see cref="TapCount"/> weights for an output <paramref name="fraction"/> (0 ≤ f &lt; 1) of an input sample past the input sample it follows.</summary>
    void FillWeights(double fraction, Span<float> weights);
}
