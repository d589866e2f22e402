using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Realtime;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// A RAVE model in the effect slot, played with the chain's knobs: the first four latent dimensions' bias,
/// latent noise, prior temperature, freeze and generate (prior-driven, no input). Knob values 0..1 map onto
/// the processor's own parameter ranges (0.5 is a bias of 0). Dry/wet is the chain's.
/// </summary>
public sealed class RaveEffect : IAudioProcessor, IKnobConditioned, IRenderModeAware, IDisposable
{
    public const int LatentKnobs = 4;
    private static readonly string[] Names = ["latent 1", "latent 2", "latent 3", "latent 4", "noise", "temperature", "freeze", "generate"];
    private static readonly int[] Ids =
    [
        RaveParameters.Bias(0), RaveParameters.Bias(1), RaveParameters.Bias(2), RaveParameters.Bias(3),
        RaveParameters.Noise, RaveParameters.Temperature, RaveParameters.Freeze, RaveParameters.Generate,
    ];

    private readonly RaveProcessor _rave;

    public RaveEffect(RaveProcessor rave) => _rave = rave;

    public RaveProcessor Processor => _rave;
    public int LatencySamples => _rave.LatencySamples;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => _rave.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => _rave.Reset();
    public void Process(AudioBlock block) => _rave.Process(block);

    public int KnobCount => Names.Length;
    public string KnobName(int index) => Names[index];

    public void SetKnob(int index, float value)
    {
        if ((uint)index >= (uint)Ids.Length) return;
        var spec = _rave.Registry.GetById(Ids[index]);
        _rave.Parameters.Set(Ids[index], spec.ToPlain(value));
    }

    public void SetOffline(bool offline) => _rave.WaitForWorker = offline;

    public void Dispose()
    {
        _rave.Dispose();
        _rave.Model.Dispose(); // the effect opened the model for this processor alone
    }
}
