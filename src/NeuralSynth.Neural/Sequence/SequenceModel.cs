using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// A frame-by-frame model (GuitarML / RTNeural): each sample's input vector is the audio sample followed by
/// the current control ("knob") values, passed through the layers; the single output, plus the input sample
/// when the model was trained with a skip connection, is the processed sample.
/// </summary>
public sealed class SequenceModel : INeuralModel
{
    private readonly SequenceLayer[] _layers;

    internal SequenceModel(string format, SequenceLayer[] layers, bool skip, double sampleRate)
    {
        if (layers.Length == 0) throw new ArgumentException("a model needs at least one layer", nameof(layers));
        Format = format;
        _layers = layers;
        Skip = skip;
        SampleRate = sampleRate;
        Controls = new ConditioningConcat(layers[0].InputSize - 1);
    }

    /// <summary>"GuitarML" or "RTNeural".</summary>
    public string Format { get; }

    public IReadOnlyList<SequenceLayer> Layers => _layers;

    /// <summary>Adds the input sample to the network output (GuitarML's "skip").</summary>
    public bool Skip { get; }

    /// <summary>Knob values appended to each audio sample; <see cref="ConditioningConcat.ControlCount"/> of them.</summary>
    public ConditioningConcat Controls { get; }

    /// <summary>These formats carry no rate; it is the rate the caller says the model was trained at.</summary>
    public double SampleRate { get; }

    public int PrewarmSamples => 0;

    public int MaxBlockSize { get; private set; }

    public void Prepare(int maxBlockSize)
    {
        if (maxBlockSize <= 0) throw new ArgumentOutOfRangeException(nameof(maxBlockSize));
        MaxBlockSize = maxBlockSize;
    }

    public void Reset()
    {
        foreach (var layer in _layers) layer.Reset();
    }

    public float ProcessSample(float sample)
    {
        var x = Controls.Frame(sample);
        foreach (var layer in _layers) x = layer.Step(x);
        return Skip ? x[0] + sample : x[0];
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int t = 0; t < input.Length; t++) output[t] = ProcessSample(input[t]);
    }
}
