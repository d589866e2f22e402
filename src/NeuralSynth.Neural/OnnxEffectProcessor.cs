using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Effects;
using NeuralSynth.Neural.Effects;
using NeuralSynth.Neural.Models;
using NeuralSynth.Neural.Resampling;

namespace NeuralSynth.Neural;

/// <summary>
/// A knob-conditioned ONNX effect (see <see cref="OnnxBlockModel"/> for the graph contract) as an engine
/// processor: channel 0 in, the output on every channel, latency two model blocks (the graph runs on a worker
/// thread; plus the resamplers' delay when the host rate differs from the model's). Knobs take effect at the
/// next model block.
/// </summary>
internal sealed class OnnxEffectProcessor : IAudioProcessor, IKnobConditioned, IRenderModeAware, IDisposable
{
    private readonly OnnxBlockModel _model;
    private readonly IReadOnlyList<string> _knobNames;
    private INeuralModel? _runner;
    private readonly MonoBlockRunner _blocks = new();

    /// <param name="path">The .onnx file; vetted by UntrustedOnnxModel.Check before ONNX Runtime opens it.</param>
    /// <param name="manifest">Knob names and training rate; null means 48 kHz and "knob1"...</param>
    /// <param name="provider">"cpu" or "cuda"; an unavailable provider is an InvalidInputException saying so.</param>
    public OnnxEffectProcessor(string path, EffectManifest? manifest = null, string provider = "cpu")
    {
        var session = NeuralSynth.Onnx.OnnxSessionFactory.Create(path, provider);
        try
        {
            _model = new OnnxBlockModel(session, manifest?.SampleRate ?? 48000);
            _knobNames = EffectManifest.NamesFor(manifest, _model.KnobCount, Path.GetFileName(path));
            // A manifest that documents a different block than the graph has describes another export.
            if (manifest is { OnnxBlockSize: > 0 } && manifest.OnnxBlockSize != _model.BlockSize)
                throw new Engine.InvalidInputException($"{EffectManifest.FileName}: onnx.blockSize {manifest.OnnxBlockSize} but {Path.GetFileName(path)} has blocks of {_model.BlockSize}");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public static IReadOnlyList<string> Providers => NeuralSynth.Onnx.OnnxSessionFactory.Providers;

    public int BlockSize => _model.BlockSize;

    public int KnobCount => _model.KnobCount;

    public string KnobName(int index) => _knobNames[index];

    public void SetKnob(int index, float value) => _model.SetKnob(index, value);

    public float GetKnob(int index) => _model.GetKnob(index);

    public int LatencySamples { get; private set; }

    public void Prepare(double sampleRate, int maxBlockSize, int channels)
    {
        (_runner, int resamplerLatency) = HostRateRunner.Prepare(_model, sampleRate, maxBlockSize);
        // Plus the worker's two model blocks, counted at the host rate.
        LatencySamples = resamplerLatency + (int)Math.Round(_model.LatencySamples * sampleRate / _model.SampleRate);
        _blocks.Prepare(maxBlockSize);
        Reset();
    }

    public void Reset() => _runner?.Reset();

    /// <summary>A bounce waits for the inference worker (a plain store; any thread).</summary>
    public void SetOffline(bool offline) => _model.Offline = offline;

    /// <summary>Model blocks played as silence because the worker was late.</summary>
    public long LateBlocks => _model.LateBlocks;

    public void Process(AudioBlock block)
    {
        if (_runner is { } runner) _blocks.Process(runner, block);
    }

    public void Dispose() => _model.Dispose();
}
