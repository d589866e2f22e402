using NeuralSynth.Neural.Layers;
using NeuralSynth.Neural.Models;

namespace NeuralSynth.Neural.Sequence;

/// <summary>
/// A frame-by-frame model (GuitarML / RTNeural): each sample's input vector is the audio sample followed by
/// the current control ("knob") values, passed through the layers; the single output, combined with the input
/// sample as <see cref="SequenceOutput"/> says, is the processed sample.
/// </summary>
public sealed class SequenceModel : INeuralModel
{
    private readonly SequenceLayer[] _layers;

    internal SequenceModel(string format, SequenceLayer[] layers, SequenceOutput output, double sampleRate)
    {
        if (layers.Length == 0) throw new ArgumentException("a model needs at least one layer", nameof(layers));
        Format = format;
        _layers = layers;
        Output = output;
        SampleRate = sampleRate;
        Controls = new ConditioningConcat(layers[0].InputSize - 1);
    }

    /// <summary>"GuitarML" or "RTNeural".</summary>
    public string Format { get; }

    public IReadOnlyList<SequenceLayer> Layers => _layers;

    /// <summary>How the network output becomes the processed sample.</summary>
    public SequenceOutput Output { get; }

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
        return Output switch
        {
            SequenceOutput.AddInput => x[0] + sample,
            SequenceOutput.ScaleInput => x[0] * sample,
            _ => x[0],
        };
    }

    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        for (int t = 0; t < input.Length; t++) output[t] = ProcessSample(input[t]);
    }
}

/// <summary>How a sequence model's single output becomes the processed sample.</summary>
public enum SequenceOutput
{
    /// <summary>The output is the sample.</summary>
    Direct,
    /// <summary>Output plus the input sample (GuitarML's <c>"skip": 1</c>).</summary>
    AddInput,
    /// <summary>
    /// Output times the input sample: the network is a gain computer. A NeuralSynth extension of the GuitarML
    /// format (<c>"skip": 2</c>) for dynamics effects, whose output is the input scaled by a slowly moving gain.
    /// </summary>
    ScaleInput,
}
