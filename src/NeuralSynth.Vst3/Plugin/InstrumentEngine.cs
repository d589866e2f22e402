using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Generation.Live;
using NeuralSynth.Generation.Model;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The instrument's engine: the synth with the background composer attached (<see cref="GenerativeSynth"/>).
/// The generator's model is the bundle's models/generator, opened on the generator thread the first time the
/// Generator parameter is on and the host transport plays; until then an instance costs no model memory.
/// </summary>
internal sealed class InstrumentEngine : IPluginEngine
{
    private readonly GenerativeSynth _instrument;

    public InstrumentEngine(string? modelsRoot)
    {
        string? modelPath = modelsRoot is null ? null : Path.Combine(modelsRoot, "generator", "model.onnx");
        var model = new LazyTokenModel(() => GeneratorModelInfo.Load(modelPath).Open());
        _instrument = new GenerativeSynth(new SynthEngine(), new LiveGenerator(model, ownsModel: true));
    }

    public SynthEngine Synth => _instrument.Synth;
    public GenerativeSynth Instrument => _instrument;

    /// <summary>Why the generator stopped (its model failed to open or run), or null.</summary>
    public string? GeneratorProblem => _instrument.Generator.Fault?.Message;

    public SpscRing<EngineMessage> Messages => Synth.Messages;
    public bool HasAudioInput => false;

    /// <summary>Offline bounces wait for the composer, so every generated note is in the file.</summary>
    public bool OfflineRendering
    {
        get => _instrument.OfflineRendering;
        set => _instrument.OfflineRendering = value;
    }

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => _instrument.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => _instrument.Reset();

    public void SetParameter(int id, float plain, bool immediate)
    {
        var values = _instrument.IsGeneratorParameter(id) ? _instrument.GeneratorValues : Synth.Parameters;
        if (immediate) values.SetImmediate(id, plain);
        else values.Set(id, plain);
    }

    public bool Enqueue(in EngineEvent e)
    {
        // The generator reads its values between bars, so a parameter flush can land at once.
        if (e.Kind == EngineEventKind.Parameter && _instrument.IsGeneratorParameter(e.ParameterId))
            return _instrument.GeneratorValues.Set(e.ParameterId, e.Value);
        return Synth.IncomingEvents.TryWrite(e);
    }

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        _instrument.Transport = transport;
        _instrument.Process(block, events);
    }

    // The release stage plus one control interval of ramp-down.
    public int TailSamples(double sampleRate) =>
        (int)Math.Ceiling(Synth.Parameters.GetTarget(SynthParameters.Release) * 0.001 * sampleRate) + SynthEngine.ControlInterval;

    public void Dispose() => _instrument.Dispose();
}
