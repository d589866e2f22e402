using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Rave.Controls;
using NeuralSynth.Rave.Realtime;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// A RAVE model in the effect slot, played with the chain's knobs: the first four latent dimensions' bias,
/// latent noise, prior temperature, freeze and generate (prior-driven, no input). A model whose latent carries the
/// pitch has Transpose (±24 semitones) on the fourth knob instead of the fourth latent: for a timbre-transfer model
/// that follows its input's notes, where it plays them matters more than the fourth timbre dimension (whose bias
/// the CLI and the processor still reach). Knob values 0..1 map onto the processor's own parameter ranges (0.5 is a
/// bias of 0, and no transposition). Dry/wet is the chain's.
/// </summary>
public sealed class RaveEffect : IAudioProcessor, IKnobConditioned, IRenderModeAware, IDisposable
{
    private static readonly string[] Names = ["latent 1", "latent 2", "latent 3", "latent 4", "noise", "temperature", "freeze", "generate"];
    private static readonly int[] Ids =
    [
        RaveParameters.Bias(0), RaveParameters.Bias(1), RaveParameters.Bias(2), RaveParameters.Bias(3),
        RaveParameters.Noise, RaveParameters.Temperature, RaveParameters.Freeze, RaveParameters.Generate,
    ];
    private const int TransposeKnob = 3;

    private readonly RaveProcessor _rave;
    private readonly string[] _names;
    private readonly int[] _ids;

    public RaveEffect(RaveProcessor rave)
    {
        _rave = rave;
        _names = (string[])Names.Clone();
        _ids = (int[])Ids.Clone();
        if (rave.Model.Manifest.Pitch is not null)
        {
            _names[TransposeKnob] = "transpose";
            _ids[TransposeKnob] = RaveParameters.Transpose;
        }
    }

    /// <summary>How many of the first latent dimensions have a knob (their bias): 4, or 3 beside Transpose.</summary>
    public int LatentKnobs => _ids[TransposeKnob] == RaveParameters.Transpose ? TransposeKnob : TransposeKnob + 1;

    public RaveProcessor Processor => _rave;
    public int LatencySamples => _rave.LatencySamples;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => _rave.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => _rave.Reset();
    public void Process(AudioBlock block) => _rave.Process(block);

    public int KnobCount => _names.Length;
    public string KnobName(int index) => _names[index];

    public void SetKnob(int index, float value)
    {
        if ((uint)index >= (uint)_ids.Length) return;
        var spec = _rave.Registry.GetById(_ids[index]);
        _rave.Parameters.Set(_ids[index], spec.ToPlain(value));
    }

    public void SetOffline(bool offline) => _rave.WaitForWorker = offline;

    public void Dispose()
    {
        _rave.Dispose();
        _rave.Model.Dispose(); // the effect opened the model for this processor alone
    }
}
