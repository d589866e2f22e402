using NeuralSynth.Engine.Core;
using NeuralSynth.Engine.Synth;
using NeuralSynth.Generation.Instrument;
using NeuralSynth.Product;
using NeuralSynth.Product.Instrument;
using NeuralSynth.Product.Models;

namespace NeuralSynth.Vst3.Plugin;

/// <summary>
/// The instrument's engine: the product's instrument (<see cref="ProductInstrument"/>: synth, sound source,
/// live composer). The generator's model is the bundle's models/generator, opened on the generator thread the
/// first time the Generator parameter is on and the host transport plays; until then an instance costs no model
/// memory. DDSP decoders open on a loader thread when the Sound Source asks for one.
/// </summary>
internal sealed class InstrumentEngine : IPluginEngine
{
    public InstrumentEngine(ModelLibrary library, string? modelsRoot)
    {
        Product = new ProductInstrument(library, modelsRoot is null ? null : Path.Combine(modelsRoot, "generator", "model.onnx"),
            modelsRoot is null ? null : Path.Combine(modelsRoot, "basic-pitch", "nmp.onnx"));
    }

    public ProductInstrument Product { get; }
    public SynthEngine Synth => Product.Synth;
    public GenerativeSynth Instrument => Product.Instrument;

    /// <summary>Why the generator stopped (its model failed to open or run), or null.</summary>
    public string? GeneratorProblem => Instrument.Generator.Fault?.Message;

    public SpscRing<EngineMessage> Messages => Synth.Messages;
    public bool HasAudioInput => false;
    public int LatencySamples => Product.LatencySamples;

    /// <summary>Offline bounces wait for the composer, so every generated note is in the file.</summary>
    public bool OfflineRendering
    {
        get => Instrument.OfflineRendering;
        set => Instrument.OfflineRendering = value;
    }

    public IModelSlot? SlotFor(uint parameterId) => parameterId == ParameterIds.SoundSource ? Product.SoundSources : null;

    public void Prepare(double sampleRate, int maxBlockSize, int channels) => Product.Prepare(sampleRate, maxBlockSize, channels);
    public void Reset() => Product.Reset();

    public void SetParameter(int id, float plain, bool immediate)
    {
        var values = Instrument.IsGeneratorParameter(id) ? Instrument.GeneratorValues : Synth.Parameters;
        if (immediate) values.SetImmediate(id, plain);
        else values.Set(id, plain);
    }

    public bool Enqueue(in EngineEvent e)
    {
        // The generator reads its values between bars, so a parameter flush can land at once.
        if (e.Kind == EngineEventKind.Parameter && Instrument.IsGeneratorParameter(e.ParameterId))
            return Instrument.GeneratorValues.Set(e.ParameterId, e.Value);
        return Synth.IncomingEvents.TryWrite(e);
    }

    /// <summary>The sidechain's mono mix for the next block, or null when the host left the sidechain off.</summary>
    public float[]? Sidechain { get; set; }

    public void Process(AudioBlock block, ReadOnlySpan<EngineEvent> events, in HostTransport transport)
    {
        Instrument.Transport = transport;
        if (Sidechain is { } input) Product.Process(block, events, input.AsSpan(0, block.Length));
        else Product.Process(block, events);
    }

    // The release stage plus one control interval of ramp-down.
    public int TailSamples(double sampleRate) =>
        (int)Math.Ceiling(Synth.Parameters.GetTarget(SynthParameters.Release) * 0.001 * sampleRate) + SynthEngine.ControlInterval;

    public void Dispose() => Product.Dispose();
}
