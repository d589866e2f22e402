using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Product.Effects;

/// <summary>
/// The NeuralSynth effect as every front end builds it: the effect chain (gains, dry/wet, bypass, knobs) with
/// its model slot over the whole model library. The VST3 effect, the CLI's fx/transfer/rave and the soak all
/// run this object.
/// </summary>
public sealed class ProductEffect : IAudioProcessor, IDisposable
{
    private EffectSetup _setup;

    public ProductEffect(ModelLibrary library)
    {
        Chain = new EffectChain();
        Models = new EffectSlot(Chain, library);
    }

    public static ProductEffect Create(string? modelsRoot) => new(ModelLibrary.Discover(modelsRoot));

    public EffectChain Chain { get; }
    public EffectSlot Models { get; }

    /// <summary>
    /// Rendering faster than real time (bounce, CLI): worker-thread models wait for their results. May change per
    /// block from the audio thread (a host's process mode): reaches the loaded model and the next ones.
    /// </summary>
    public bool Offline
    {
        get => Models.Offline;
        set
        {
            if (Models.Offline == value) return;
            Models.Offline = value;
            (Models.Current as IRenderModeAware)?.SetOffline(value);
        }
    }

    /// <summary>ONNX execution provider for models that use ONNX Runtime ("cpu" or "cuda").</summary>
    public string Provider { get; set; } = "cpu";

    /// <summary>.nam models run NeuralAmpModelerCore's fast tanh approximation; takes effect at the next Prepare.
    /// Off by default (the plug-in too): exact tanh matches NAM Core's exact renders and is already faster here
    /// than NAM Core with fast tanh on the shipped models.</summary>
    public bool FastTanh { get; set; }

    /// <summary>Seed for models that draw noise (RAVE's latent noise and prior).</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>The loaded model's latency (the chain delays its dry path by the same).</summary>
    public int LatencySamples => Models.LatencySamples;

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        Chain.Prepare(sampleRate, maxBlockSize, channels);
        _setup = new EffectSetup(sampleRate, maxBlockSize, channels, Provider: Provider, Seed: Seed, FastTanh: FastTanh);
        Models.Configure(_setup);
    }

    public void Reset() => Chain.Reset();
    public void Process(AudioBlock block) => Chain.Process(block);
    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events) => Chain.Process(block, events);

    public void Dispose() => Models.Dispose();
}
