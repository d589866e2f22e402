using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural.Models;
using NeuralSynth.Neural.Nam;
using NeuralSynth.Neural.Resampling;

namespace NeuralSynth.Neural;

/// <summary>
/// Runs a .nam model as an engine processor: channel 0 is the (mono) input, the model output is written to
/// every channel. When the host rate differs from the model's training rate the model runs inside a
/// <see cref="ResampledModel"/> and <see cref="LatencySamples"/> reports the converters' delay.
/// A slimmable model (SlimmableContainer, slimmable WaveNet) has one knob, <see cref="SizeKnobName"/>, whose
/// value 0..1 is NeuralAmpModelerCore's slimmable size; other models have none.
/// </summary>
internal sealed class NamProcessor : IAudioProcessor, IKnobConditioned
{
    /// <summary>The knob a slimmable model exposes its size on.</summary>
    public const string SizeKnobName = "Size";

    private readonly INeuralModel _network;
    private INeuralModel? _runner;
    private readonly MonoBlockRunner _blocks = new();
    private float[] _zeros = Array.Empty<float>();
    private int _modelBlock;

    public NamProcessor(NamModel model)
    {
        Model = model;
        _network = model.Network;
    }

    public static NamProcessor Load(string path) => new(NamModelLoader.Load(path));

    public NamModel Model { get; }

    /// <summary>The model's size control, or null when it has a single size.</summary>
    public ISlimmableModel? Slimmable => _network as ISlimmableModel;

    public int KnobCount => Slimmable is null ? 0 : 1;

    public string KnobName(int index) => index == 0 && Slimmable is not null
        ? SizeKnobName
        : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>Audio-thread safe: selecting a size only records it; the model crossfades inside Process.</summary>
    public void SetKnob(int index, float value)
    {
        if (index == 0) Slimmable?.SetSize(value);
    }

    /// <summary>
    /// Feed <see cref="INeuralModel.PrewarmSamples"/> of silence on every reset, as NeuralAmpModelerCore's
    /// <c>DSP::Reset</c> does, so the model starts from its settled zero-input state rather than from zeroed
    /// buffers. On by default because that is what NeuralAmpModelerCore renders (and the golden files) do;
    /// costs one pass over that many samples inside <see cref="Reset"/>.
    /// </summary>
    public bool PrewarmOnReset { get; set; } = true;

    /// <summary>
    /// NeuralAmpModelerCore's fast mode: its rational tanh approximation in place of exact tanh (and, in LSTMs,
    /// its fast sigmoid), as NAM's own plug-in enables by default. Off here: exact tanh reproduces NAM Core's
    /// exact renders to float rounding, and our exact kernels already run faster than NAM Core's fast ones on the
    /// shipped models (tools/bench-vs-nam-core.sh). Affects WaveNet and LSTM models; set it before processing.
    /// </summary>
    public bool UseFastTanh
    {
        get => _network switch { NamLstmModel l => l.UseFastTanh, Nam.WaveNet.WaveNetModel w => w.UseFastTanh, _ => false };
        set
        {
            switch (_network)
            {
                case NamLstmModel l: l.UseFastTanh = value; break;
                case Nam.WaveNet.WaveNetModel w: w.UseFastTanh = value; break;
            }
        }
    }

    /// <summary>Linear gain applied before the model (e.g. input calibration).</summary>
    public float InputGain { get; set; } = 1f;

    /// <summary>Linear gain applied after the model (e.g. loudness normalization).</summary>
    public float OutputGain { get; set; } = 1f;

    public int LatencySamples { get; private set; }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        (_runner, int latency) = HostRateRunner.Prepare(_network, sampleRate, maxBlockSize);
        LatencySamples = latency;
        _modelBlock = _network.MaxBlockSize;
        _blocks.Prepare(maxBlockSize, _modelBlock);
        _zeros = new float[_modelBlock];
        Reset();
    }

    public void Reset()
    {
        if (_runner is null) return;
        _runner.Reset();
        if (!PrewarmOnReset) return;
        // Same schedule as NAM's prewarm(): whole buffers of silence until at least PrewarmSamples are done.
        for (int done = 0; done < _network.PrewarmSamples; done += _modelBlock)
            _network.Process(_zeros, _blocks.OutputScratch[.._modelBlock]);
    }

    public void Process(AudioBlock block)
    {
        if (_runner is { } runner) _blocks.Process(runner, block, InputGain, OutputGain);
    }
}
