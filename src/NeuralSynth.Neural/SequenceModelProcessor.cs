using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural.Effects;
using NeuralSynth.Neural.Models;
using NeuralSynth.Neural.Resampling;
using NeuralSynth.Neural.Sequence;

namespace NeuralSynth.Neural;

/// <summary>
/// Runs a GuitarML or RTNeural model as an engine processor with knob inputs: channel 0 is the input, the
/// output goes to every channel. Knobs may be set from any thread (they take effect at the next sample the
/// audio thread reads). If the host rate differs from the model's, the model runs resampled. Knob names come
/// from the model's manifest (neither JSON format records them); "knob1", "knob2"... otherwise.
/// </summary>
internal sealed class SequenceModelProcessor : IAudioProcessor, IKnobConditioned
{
    private readonly IReadOnlyList<string> _knobNames;
    private INeuralModel? _runner;
    private readonly MonoBlockRunner _blocks = new();

    /// <param name="knobNames">One name per conditioning input; null for "knob1", "knob2"...</param>
    public SequenceModelProcessor(SequenceModel model, IReadOnlyList<string>? knobNames = null)
    {
        Model = model;
        int count = model.Controls.ControlCount;
        if (knobNames is not null && knobNames.Count != count)
            throw new ArgumentException($"{knobNames.Count} knob names for a model with {count} knobs", nameof(knobNames));
        _knobNames = knobNames ?? EffectManifest.DefaultNames(count);
    }

    public static SequenceModelProcessor Load(string path, double modelSampleRate = 48000, IReadOnlyList<string>? knobNames = null) =>
        new(SequenceModelLoader.Load(path, modelSampleRate), knobNames);

    public SequenceModel Model { get; }

    public int KnobCount => Model.Controls.ControlCount;

    public string KnobName(int index) => _knobNames[index];

    /// <summary>Sets knob <paramref name="index"/> (the model's conditioning input index+1), usually 0..1.</summary>
    public void SetKnob(int index, float value) => Model.Controls.SetControl(index, value);

    public float GetKnob(int index) => Model.Controls.GetControl(index);

    public int LatencySamples { get; private set; }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        (_runner, int latency) = HostRateRunner.Prepare(Model, sampleRate, maxBlockSize);
        LatencySamples = latency;
        _blocks.Prepare(maxBlockSize);
        Reset();
    }

    public void Reset() => _runner?.Reset();

    public void Process(AudioBlock block)
    {
        if (_runner is { } runner) _blocks.Process(runner, block);
    }
}
