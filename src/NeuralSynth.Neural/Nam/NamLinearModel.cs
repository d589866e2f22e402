using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Nam;

/// <summary>
/// NeuralAmpModelerCore's "Linear" architecture: an FIR filter, <c>y[t] = b + sum_m w[m]·x[t-m]</c>
/// (weight m applies to the sample m steps back), run as a single-channel <see cref="Conv1D"/>.
/// </summary>
internal sealed class NamLinearModel : INeuralModel
{
    private readonly Conv1D _filter;

    internal NamLinearModel(int receptiveField, bool bias, float[] weights, double sampleRate)
    {
        _filter = new Conv1D(1, 1, receptiveField, 1, bias);
        for (int m = 0; m < receptiveField; m++) _filter.SetWeight(0, 0, receptiveField - 1 - m, weights[m]);
        if (bias) _filter.SetBias(0, weights[receptiveField]);
        SampleRate = sampleRate;
        PrewarmSamples = receptiveField;
    }

    public double SampleRate { get; }
    public int PrewarmSamples { get; }
    public int MaxBlockSize { get; private set; }

    public void Prepare(int maxBlockSize)
    {
        _filter.Prepare(maxBlockSize);
        MaxBlockSize = maxBlockSize;
    }

    public void Reset() => _filter.Reset();

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length == 0) return;
        _filter.Process(input, input.Length, input.Length);
        _filter.Output(0, input.Length).CopyTo(output);
    }
}
